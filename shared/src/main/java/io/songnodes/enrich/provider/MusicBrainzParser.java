package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/** MusicBrainz WS/2 JSON (recording search, recording lookup, ISRC lookup, release lookup) into candidates. */
public final class MusicBrainzParser {
    private MusicBrainzParser() {}

    /**
     * A recording object as search hits, lookups and ISRC lookups share it. {@code isrcHint} is the ISRC an
     * ISRC lookup was made for: its recordings carry no {@code isrcs} array of their own.
     */
    public static Candidate recording(JsonNode r, String isrcHint, String label) {
        String id = Fields.text(r, "id");
        List<String> isrcs = Fields.texts(r.path("isrcs"), null);
        String isrc = isrcHint != null ? isrcHint : isrcs.isEmpty() ? null : isrcs.get(0);
        List<String> genres = Fields.texts(r.path("genres"), "name");
        if (genres.isEmpty()) genres = Fields.texts(r.path("tags"), "name"); // folksonomy tags: the waterfall whitelists them
        String title = Fields.text(r, "title");
        String version = Fields.versionLabel(Fields.text(r, "disambiguation"));
        if (version == null) version = Fields.versionFromTitle(title);
        return new Candidate(ProviderName.MUSICBRAINZ.id(), id, credit(r.path("artist-credit")),
                Fields.texts(r.path("artist-credit"), "name"), title, version,
                Fields.ids("musicbrainz", id, "isrc", isrc), null, null, null, null, null, null, null,
                genres, label, Fields.text(r, "first-release-date"), Fields.positiveInt(r, "length"));
    }

    /** {@code /ws/2/recording?query=}: hits in the server's score order. */
    public static List<Candidate> search(JsonNode body) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode r : body.path("recordings")) out.add(recording(r, null, null));
        return out;
    }

    /** {@code /ws/2/isrc/{isrc}}: every recording sharing the ISRC (an ISRC is not a unique key). */
    public static List<Candidate> isrc(JsonNode body) {
        String isrc = Fields.text(body, "isrc");
        List<Candidate> out = new ArrayList<>();
        for (JsonNode r : body.path("recordings")) out.add(recording(r, isrc, null));
        return out;
    }

    /** {@code /ws/2/release/{mbid}?inc=recordings+labels+...}: one candidate per track, with the release's label and date. */
    public static List<Candidate> releaseTracks(JsonNode release) {
        String label = null;
        for (JsonNode li : release.path("label-info")) {
            label = Fields.text(li.path("label"), "name");
            if (label != null) break;
        }
        String date = Fields.text(release, "date");
        List<Candidate> out = new ArrayList<>();
        for (JsonNode medium : release.path("media")) {
            for (JsonNode track : medium.path("tracks")) {
                JsonNode rec = track.path("recording");
                if (!rec.isObject()) continue;
                Candidate c = recording(rec, null, label);
                if (c.releaseDate() == null && date != null)
                    c = new Candidate(c.provider(), c.recordId(), c.artist(), c.artists(), c.title(), c.version(), c.ids(), null,
                            null, null, null, null, null, null, c.genres(), label, date, c.durationMs());
                out.add(c);
            }
        }
        return out;
    }

    /** "Daft Punk feat. Pharrell Williams & Nile Rodgers": names joined with their join phrases, as credited. */
    static String credit(JsonNode artistCredit) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode ac : artistCredit) {
            String n = Fields.text(ac, "name");
            if (n == null) n = Fields.text(ac.path("artist"), "name");
            if (n != null) sb.append(n);
            JsonNode jp = ac.get("joinphrase");
            if (jp != null && !jp.isNull()) sb.append(jp.asText());
        }
        return Fields.clean(sb.toString());
    }
}

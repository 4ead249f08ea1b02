package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.Answer;
import io.songnodes.tools.sim.ProviderErrors;
import io.songnodes.tools.sim.SimRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * MusicBrainz WS/2 JSON from the catalog: {@code /ws/2/recording?query=}, {@code /ws/2/isrc/{isrc}} and
 * {@code /ws/2/recording/{mbid}?inc=...}. Shapes follow fixtures/providers/musicbrainz.
 */
public final class MusicBrainzApi extends CatalogApi {
    private static final String OFFICIAL = "4e304316-386d-3409-af2e-78857eec5cfe";
    private static final String SINGLE = "d6038452-8ee0-3f68-affc-2de9a1ede0b9";

    public MusicBrainzApi(Catalog catalog) { super(catalog, "musicbrainz"); }

    @Override
    public String endpoint(SimRequest r) {
        List<String> s = r.segments();
        if (s.size() < 3 || !s.get(0).equals("ws") || !s.get(1).equals("2")) return "unknown";
        if (s.get(2).equals("recording")) return s.size() >= 4 ? "recording" : "search";
        if (s.get(2).equals("isrc")) return "isrc";
        return "unknown";
    }

    @Override
    public Answer serve(SimRequest r) {
        List<String> s = r.segments();
        return switch (endpoint(r)) {
            case "search" -> search(r);
            case "isrc" -> s.size() >= 4 ? isrc(s.get(3), r.param("inc")) : Answer.json(400, "{\"error\":\"Invalid isrc.\"}");
            case "recording" -> recording(s.get(3), r.param("inc"));
            default -> Answer.json(404, ProviderErrors.MB_NOT_FOUND);
        };
    }

    private Answer search(SimRequest r) {
        String q = r.param("query");
        if (q == null || q.isBlank()) return Answer.json(400, "{\"error\":\"You must specify a query.\"}");
        int limit = intParam(r.param("limit"), 25);
        int offset = intParam(r.param("offset"), 0);
        if (limit < 1 || limit > 100 || offset < 0) return Answer.json(400, "{\"error\":\"Invalid limit or offset.\"}");
        List<CatalogTrack> hits = FuzzyLuceneQuery.isFuzzy(q) ? fuzzy(FuzzyLuceneQuery.parse(q)) : find(parse(q, "recording"));
        ObjectNode body = Synth.obj();
        body.put("created", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("count", hits.size());
        body.put("offset", offset);
        ArrayNode recs = body.putArray("recordings");
        for (int i = offset; i < Math.min(hits.size(), offset + limit); i++) {
            CatalogTrack t = hits.get(i);
            ObjectNode rec = Synth.obj();
            rec.put("id", t.id(provider));
            rec.put("score", Math.max(20, 100 - 8 * i));
            rec.put("artist-credit-id", Synth.uuid("mb-credit|" + t.artist()));
            rec.put("title", t.fullTitle());
            if (t.durationMs() != null) rec.put("length", t.durationMs());
            rec.putNull("video");
            rec.set("artist-credit", credit(t.artist(), false));
            rec.put("first-release-date", Synth.releaseDate(t));
            if (t.isrc() != null) rec.putArray("isrcs").add(t.isrc());
            ArrayNode releases = rec.putArray("releases");
            releases.add(release(t, true));
            if (!t.genres().isEmpty()) {
                ArrayNode tags = rec.putArray("tags");
                for (String g : t.genres()) tags.addObject().put("count", 1).put("name", g);
            }
            recs.add(rec);
        }
        return Answer.json(200, body);
    }

    /** Hits of a query with fuzzy terms ({@link FuzzyLuceneQuery}), best first; the catalog's order among equals. */
    private List<CatalogTrack> fuzzy(FuzzyLuceneQuery query) {
        List<Catalog.Hit> hits = new java.util.ArrayList<>();
        for (CatalogTrack t : catalog.tracks()) {
            if (!t.has(provider)) continue;
            double s = query.score(field -> switch (field) {
                case "artist", "artistname", "creditname" -> Catalog.words(t.artist());
                case "recording", "recordingaccent" -> Catalog.words(t.fullTitle());
                default -> null;
            });
            if (s >= 0) hits.add(new Catalog.Hit(t, s));
        }
        hits.sort(java.util.Comparator.comparingDouble(Catalog.Hit::score).reversed());
        return hits.stream().map(Catalog.Hit::track).toList();
    }

    private Answer isrc(String isrc, String inc) {
        List<CatalogTrack> tracks = catalog.byIsrc(provider, isrc);
        if (tracks.isEmpty()) {
            return Answer.json(404, "{\"help\":\"For usage, please see: https://musicbrainz.org/development/mmd\",\"error\":\"Not Found\"}");
        }
        ObjectNode body = Synth.obj();
        body.put("isrc", isrc);
        ArrayNode recs = body.putArray("recordings");
        for (CatalogTrack t : tracks) {
            ObjectNode rec = Synth.obj();
            rec.set("artist-credit", credit(t.artist(), true));
            rec.put("video", false);
            rec.put("disambiguation", t.version() == null ? "" : t.version().toLowerCase(java.util.Locale.ROOT));
            if (t.durationMs() != null) rec.put("length", t.durationMs());
            rec.put("id", t.id(provider));
            rec.put("title", t.fullTitle());
            rec.put("first-release-date", Synth.releaseDate(t));
            if (inc != null && inc.contains("isrcs")) rec.putArray("isrcs").add(t.isrc());
            recs.add(rec);
        }
        return Answer.json(200, body);
    }

    private Answer recording(String mbid, String inc) {
        if (!mbid.matches("[0-9a-fA-F-]{36}")) return Answer.json(400, "{\"error\":\"Invalid mbid.\",\"help\":\"For usage, please see: https://musicbrainz.org/development/mmd\"}");
        Optional<CatalogTrack> found = catalog.byId(provider, mbid);
        if (found.isEmpty()) return Answer.json(404, ProviderErrors.MB_NOT_FOUND);
        CatalogTrack t = found.get();
        String includes = inc == null ? "" : inc;
        ObjectNode o = Synth.obj();
        if (includes.contains("releases")) {
            ArrayNode rel = o.putArray("releases");
            rel.add(release(t, false));
        }
        if (includes.contains("artist-credits") || includes.contains("artists")) o.set("artist-credit", credit(t.artist(), true));
        o.put("first-release-date", Synth.releaseDate(t));
        o.put("disambiguation", "");
        o.put("title", t.fullTitle());
        o.put("id", t.id(provider));
        o.put("video", false);
        if (t.durationMs() != null) o.put("length", t.durationMs());
        else o.putNull("length");
        if (includes.contains("isrcs")) {
            ArrayNode isrcs = o.putArray("isrcs");
            if (t.isrc() != null) isrcs.add(t.isrc());
        }
        if (includes.contains("genres")) {
            ArrayNode genres = o.putArray("genres");
            for (String g : t.genres()) {
                genres.addObject().put("disambiguation", "").put("id", Synth.uuid("mb-genre|" + g)).put("count", 1).put("name", g);
            }
        }
        if (includes.contains("tags")) {
            ArrayNode tags = o.putArray("tags");
            for (String g : t.genres()) tags.addObject().put("name", g).put("count", 1);
        }
        return Answer.json(200, o);
    }

    private static ArrayNode credit(String credit, boolean detailed) {
        List<String> names = Synth.artists(credit);
        ArrayNode arr = Synth.arr();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            ObjectNode c = arr.addObject();
            c.put("name", n);
            String join = Synth.joinphrase(credit, names, i);
            if (detailed || !join.isEmpty()) c.put("joinphrase", join);
            ObjectNode a = c.putObject("artist");
            a.put("id", Synth.uuid("mb-artist|" + n));
            a.put("name", n);
            a.put("sort-name", n);
            a.put("disambiguation", "");
            if (detailed) {
                a.put("type", "Person");
                a.put("type-id", "b6e035f4-3ce9-331c-97df-83397230b0df");
            }
        }
        return arr;
    }

    private ObjectNode release(CatalogTrack t, boolean searchShape) {
        String seed = t.id(provider);
        ObjectNode rel = Synth.obj();
        rel.put("id", Synth.uuid("mb-release|" + seed));
        rel.put("status-id", OFFICIAL);
        if (searchShape) rel.put("artist-credit-id", Synth.uuid("mb-credit|" + t.artist()));
        if (searchShape) rel.put("count", 1);
        rel.put("title", t.fullTitle());
        rel.put("status", "Official");
        rel.set("artist-credit", credit(t.artist(), !searchShape));
        ObjectNode rg = rel.putObject("release-group");
        rg.put("id", Synth.uuid("mb-rg|" + seed));
        rg.put("type-id", SINGLE);
        rg.put("primary-type-id", SINGLE);
        rg.put("title", t.fullTitle());
        rg.put("primary-type", "Single");
        rg.putArray("secondary-type-ids");
        rg.putArray("secondary-types");
        rel.put("date", Synth.releaseDate(t));
        rel.put("country", "XW");
        ObjectNode event = rel.putArray("release-events").addObject();
        event.put("date", Synth.releaseDate(t));
        ObjectNode area = event.putObject("area");
        area.put("id", "525d4e18-3d00-31b9-a58b-a146a916de8f");
        area.put("name", "[Worldwide]");
        area.put("sort-name", "[Worldwide]");
        area.putArray("iso-3166-1-codes").add("XW");
        area.put("disambiguation", "");
        area.putNull("type");
        area.putNull("type-id");
        if (searchShape) {
            rel.put("track-count", 1);
            ArrayNode media = rel.putArray("media");
            ObjectNode m = media.addObject();
            m.put("id", Synth.uuid("mb-medium|" + seed));
            m.put("position", 1);
            m.put("format", "Digital Media");
            ObjectNode tr = m.putArray("track").addObject();
            tr.put("id", Synth.uuid("mb-track|" + seed));
            tr.put("number", "1");
            tr.put("title", t.fullTitle());
            if (t.durationMs() != null) tr.put("length", t.durationMs());
            m.put("track-count", 1);
            m.put("track-offset", 0);
        } else {
            rel.putNull("barcode");
            rel.put("disambiguation", "");
            rel.put("quality", "normal");
            rel.putNull("packaging");
            rel.putNull("packaging-id");
            rel.putObject("text-representation").put("script", "Latn").put("language", "eng");
        }
        return rel;
    }
}

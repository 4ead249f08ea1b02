package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.identity.TextNormalizer;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.Answer;
import io.songnodes.tools.sim.ProviderErrors;
import io.songnodes.tools.sim.SimRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Last.fm from the catalog: {@code /2.0/?method=track.getInfo} and {@code track.getTopTags} by artist and track
 * (or mbid). Last.fm has no id of its own in the catalog: it knows tracks with an {@code ids.lastfm} or
 * {@code ids.musicbrainz} entry. Errors come inside the JSON with HTTP 200, as Last.fm does.
 */
public final class LastfmApi extends CatalogApi {
    public LastfmApi(Catalog catalog) { super(catalog, "lastfm"); }

    @Override
    public String endpoint(SimRequest r) {
        String m = r.param("method");
        return m == null ? "unknown" : m.toLowerCase(java.util.Locale.ROOT).replace("track.", "").replace("gettoptags", "top_tags").replace("getinfo", "info");
    }

    @Override
    public Answer serve(SimRequest r) {
        String method = r.param("method");
        if (method == null) return Answer.json(200, "{\"error\":6,\"message\":\"Invalid parameters - Your request is missing a required parameter\",\"links\":[]}");
        String m = method.toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("track.getinfo") && !m.equals("track.gettoptags")) {
            return Answer.json(200, "{\"error\":3,\"message\":\"Invalid Method - No method with that name in this package\",\"links\":[]}");
        }
        Optional<CatalogTrack> found = find(r);
        if (found.isEmpty()) return Answer.json(200, ProviderErrors.LASTFM_TRACK_NOT_FOUND);
        return Answer.json(200, m.equals("track.getinfo") ? info(found.get()) : topTags(found.get()));
    }

    private Optional<CatalogTrack> find(SimRequest r) {
        String mbid = r.param("mbid");
        if (mbid != null && !mbid.isBlank()) return catalog.byId("musicbrainz", mbid).filter(LastfmApi::known);
        String artist = r.param("artist");
        String track = r.param("track");
        if (artist == null || track == null) return Optional.empty();
        String a = TextNormalizer.normalizeArtist(artist);
        String full = TextNormalizer.normalize(track);
        // Last.fm names a track with its version; a bare title finds the original version
        Optional<CatalogTrack> exact = catalog.tracks().stream().filter(LastfmApi::known)
                .filter(t -> TextNormalizer.normalizeArtist(t.artist()).equals(a) && TextNormalizer.normalize(t.fullTitle()).equals(full)).findFirst();
        if (exact.isPresent()) return exact;
        return catalog.tracks().stream().filter(LastfmApi::known).filter(t -> t.version() == null)
                .filter(t -> Synth.artists(t.artist()).stream().anyMatch(x -> TextNormalizer.normalizeArtist(x).equals(a))
                        || TextNormalizer.normalizeArtist(t.artist()).equals(a))
                .filter(t -> TextNormalizer.normalize(t.title()).equals(full)).findFirst();
    }

    private static boolean known(CatalogTrack t) { return t.has("lastfm") || t.has("musicbrainz"); }

    private static String url(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private ObjectNode info(CatalogTrack t) {
        ObjectNode body = Synth.obj();
        ObjectNode o = body.putObject("track");
        String seed = t.artist() + "|" + t.fullTitle();
        o.put("name", t.fullTitle());
        if (t.has("musicbrainz")) o.put("mbid", t.id("musicbrainz"));
        o.put("url", "https://www.last.fm/music/" + url(t.artist()) + "/_/" + url(t.fullTitle()));
        o.put("duration", String.valueOf(t.durationMs() == null ? 0 : t.durationMs()));
        o.putObject("streamable").put("#text", "0").put("fulltrack", "0");
        o.put("listeners", String.valueOf(Synth.between(seed + "l", 1_000, 900_000)));
        o.put("playcount", String.valueOf(Synth.between(seed + "p", 10_000, 9_000_000)));
        ObjectNode artist = o.putObject("artist");
        artist.put("name", t.artist());
        artist.put("mbid", Synth.uuid("mb-artist|" + Synth.artists(t.artist()).get(0)));
        artist.put("url", "https://www.last.fm/music/" + url(t.artist()));
        ObjectNode album = o.putObject("album");
        album.put("artist", t.artist());
        album.put("title", t.title());
        album.put("url", "https://www.last.fm/music/" + url(t.artist()) + "/" + url(t.title()));
        ArrayNode img = album.putArray("image");
        for (String size : new String[] {"small", "medium", "large", "extralarge"}) img.addObject().put("#text", "").put("size", size);
        ArrayNode tags = o.putObject("toptags").putArray("tag");
        for (String g : t.genres()) tags.addObject().put("name", g).put("url", "https://www.last.fm/tag/" + url(g));
        return body;
    }

    private ObjectNode topTags(CatalogTrack t) {
        ObjectNode body = Synth.obj();
        ObjectNode o = body.putObject("toptags");
        ArrayNode tags = o.putArray("tag");
        int count = 100;
        for (String g : t.genres()) {
            tags.addObject().put("count", count).put("name", g).put("url", "https://www.last.fm/tag/" + url(g));
            count = Math.max(1, count * 2 / 3);
        }
        o.putObject("@attr").put("artist", t.artist()).put("track", t.fullTitle());
        return body;
    }
}

package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.Answer;
import io.songnodes.tools.sim.ProviderErrors;
import io.songnodes.tools.sim.SimRequest;
import java.util.List;
import java.util.Optional;

/**
 * Deezer public API from the catalog: {@code /search?q=}, {@code /track/{id}} and {@code /track/isrc:{ISRC}}.
 * A miss is {@code DataException} code 800 with HTTP 200. {@code bpm} 0 means unknown, as on Deezer.
 */
public final class DeezerApi extends CatalogApi {
    private static final String API = "https://api.deezer.com";

    public DeezerApi(Catalog catalog) { super(catalog, "deezer"); }

    @Override
    public String endpoint(SimRequest r) {
        List<String> s = r.segments();
        if (s.isEmpty()) return "unknown";
        if (s.get(0).equals("search")) return "search";
        if (s.get(0).equals("track") && s.size() >= 2) return s.get(1).startsWith("isrc:") ? "isrc" : "track";
        return "unknown";
    }

    @Override
    public Answer serve(SimRequest r) {
        List<String> s = r.segments();
        return switch (endpoint(r)) {
            case "search" -> search(r);
            case "isrc" -> one(catalog.byIsrc(provider, s.get(1).substring(5)).stream().findFirst());
            case "track" -> one(catalog.byId(provider, s.get(1)));
            default -> Answer.json(200, ProviderErrors.DEEZER_NO_DATA);
        };
    }

    private Answer one(Optional<CatalogTrack> t) {
        return t.map(x -> Answer.json(200, track(x, true))).orElseGet(() -> Answer.json(200, ProviderErrors.DEEZER_NO_DATA));
    }

    private Answer search(SimRequest r) {
        String q = r.param("q");
        int limit = Math.max(1, Math.min(100, intParam(r.param("limit"), 25)));
        int index = Math.max(0, intParam(r.param("index"), 0));
        List<CatalogTrack> hits = q == null ? List.of() : find(parse(q, "track"));
        ObjectNode body = Synth.obj();
        ArrayNode data = body.putArray("data");
        for (int i = index; i < Math.min(hits.size(), index + limit); i++) data.add(track(hits.get(i), false));
        body.put("total", hits.size());
        if (index + limit < hits.size()) {
            body.put("next", API + "/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20") + "&limit=" + limit + "&index=" + (index + limit));
        }
        return Answer.json(200, body);
    }

    private static ObjectNode artist(String name, boolean full) {
        long id = Synth.between("deezer-artist|" + name, 1, 250_000_000);
        String md5 = Synth.hex("deezer-artist-img|" + name, 32);
        ObjectNode a = Synth.obj();
        a.put("id", id);
        a.put("name", name);
        a.put("link", "https://www.deezer.com/artist/" + id);
        if (full) a.put("share", "https://www.deezer.com/artist/" + id + "?utm_source=deezer&utm_content=artist-" + id + "&utm_medium=web");
        a.put("picture", API + "/artist/" + id + "/image");
        for (String[] s : new String[][] {{"small", "56"}, {"medium", "250"}, {"big", "500"}, {"xl", "1000"}}) {
            a.put("picture_" + s[0], "https://e-cdns-images.dzcdn.net/images/artist/" + md5 + "/" + s[1] + "x" + s[1] + "-000000-80-0-0.jpg");
        }
        if (full) a.put("radio", true);
        a.put("tracklist", API + "/artist/" + id + "/top?limit=50");
        a.put("type", "artist");
        return a;
    }

    /** The track object; {@code full} is the /track/{id} shape (isrc, bpm, release_date, contributors). */
    ObjectNode track(CatalogTrack t, boolean full) {
        String idText = t.id(provider);
        String seed = "deezer|" + idText;
        String md5 = Synth.hex(seed + "img", 32);
        String date = Synth.releaseDate(t);
        List<String> artists = Synth.artists(t.artist());
        ObjectNode o = Synth.obj();
        if (idText.matches("\\d{1,18}")) o.put("id", Long.parseLong(idText));
        else o.put("id", idText);
        o.put("readable", true);
        o.put("title", t.fullTitle());
        o.put("title_short", t.title());
        o.put("title_version", t.version() == null ? "" : "(" + t.version() + ")");
        if (full && t.isrc() != null) o.put("isrc", t.isrc());
        o.put("link", "https://www.deezer.com/track/" + idText);
        if (full) o.put("share", "https://www.deezer.com/track/" + idText + "?utm_source=deezer&utm_content=track-" + idText + "&utm_medium=web");
        o.put("duration", t.durationMs() == null ? 0 : Math.round(t.durationMs() / 1000.0));
        if (full) {
            o.put("track_position", 1);
            o.put("disk_number", 1);
        }
        o.put("rank", Synth.between(seed + "rank", 100_000, 999_999));
        if (full) o.put("release_date", date);
        o.put("explicit_lyrics", false);
        o.put("explicit_content_lyrics", 0);
        o.put("explicit_content_cover", 0);
        o.put("preview", "https://cdns-preview-" + Synth.hex(seed, 1) + ".dzcdn.net/stream/c-" + Synth.hex(seed + "p", 32) + "-4.mp3");
        if (full) {
            o.put("bpm", t.bpm() == null ? 0 : Math.round(t.bpm() * 10) / 10.0);
            o.put("gain", -Synth.between(seed + "gain", 50, 140) / 10.0);
            o.putArray("available_countries").add("DE").add("FR").add("GB").add("NL").add("US");
            ArrayNode contributors = o.putArray("contributors");
            for (String a : artists) contributors.add(artist(a, true).put("role", "Main"));
        }
        o.put("md5_image", md5);
        o.set("artist", artist(artists.get(0), full));
        ObjectNode album = o.putObject("album");
        long albumId = Synth.between(seed + "album", 1, 900_000_000);
        album.put("id", albumId);
        album.put("title", t.title());
        if (full) album.put("link", "https://www.deezer.com/album/" + albumId);
        album.put("cover", API + "/album/" + albumId + "/image");
        for (String[] s : new String[][] {{"small", "56"}, {"medium", "250"}, {"big", "500"}, {"xl", "1000"}}) {
            album.put("cover_" + s[0], "https://e-cdns-images.dzcdn.net/images/cover/" + md5 + "/" + s[1] + "x" + s[1] + "-000000-80-0-0.jpg");
        }
        album.put("md5_image", md5);
        if (full) album.put("release_date", date);
        album.put("tracklist", API + "/album/" + albumId + "/tracks");
        album.put("type", "album");
        o.put("type", "track");
        return o;
    }
}

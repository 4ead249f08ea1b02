package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.Answer;
import io.songnodes.tools.sim.SimRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Spotify Web API from the catalog: {@code POST /api/token}, {@code /v1/search?type=track}, {@code /v1/tracks/{id}},
 * {@code /v1/tracks?ids=}, {@code /v1/audio-features/{id}} and {@code ?ids=}. Shapes follow fixtures/providers/spotify.
 */
public final class SpotifyApi extends CatalogApi {
    /** The dev-mode search limit since 2026 (docs/providers.md). */
    static final int MAX_SEARCH_LIMIT = 10;
    private static final String API = "https://api.spotify.com/v1";

    public SpotifyApi(Catalog catalog) { super(catalog, "spotify"); }

    @Override
    public String endpoint(SimRequest r) {
        List<String> s = r.segments();
        if (s.size() >= 2 && s.get(0).equals("api") && s.get(1).equals("token")) return "token";
        if (s.size() >= 2 && s.get(0).equals("v1")) {
            return switch (s.get(1)) {
                case "search" -> "search";
                case "tracks" -> "track";
                case "audio-features" -> "audio_features";
                default -> "unknown";
            };
        }
        return "unknown";
    }

    @Override
    public Answer serve(SimRequest r) {
        List<String> s = r.segments();
        return switch (endpoint(r)) {
            case "token" -> token();
            case "search" -> search(r);
            case "track" -> s.size() >= 3 ? one(s.get(2), t -> track(t, true)) : several(r.param("ids"), "tracks", t -> track(t, true));
            case "audio_features" -> s.size() >= 3 ? one(s.get(2), this::audioFeatures) : several(r.param("ids"), "audio_features", this::audioFeatures);
            default -> error(404, "Service not found");
        };
    }

    private static Answer token() {
        ObjectNode o = Synth.obj();
        o.put("access_token", "BQ" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
        o.put("token_type", "Bearer");
        o.put("expires_in", 3600);
        return Answer.json(200, o);
    }

    static Answer error(int status, String message) {
        ObjectNode e = Synth.obj();
        e.putObject("error").put("status", status).put("message", message);
        return Answer.json(status, e);
    }

    private Answer search(SimRequest r) {
        String q = r.param("q");
        if (q == null || q.isBlank()) return error(400, "No search query");
        String type = r.param("type");
        if (type == null || !type.contains("track")) return error(400, "Missing parameter type");
        // without a limit the dev-mode maximum applies rather than the documented 20
        int limit = intParam(r.param("limit"), MAX_SEARCH_LIMIT);
        int offset = intParam(r.param("offset"), 0);
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) return error(400, "Invalid limit");
        if (offset < 0) return error(400, "Invalid offset");
        List<CatalogTrack> hits = find(parse(q, "track"));
        ObjectNode body = Synth.obj();
        ObjectNode tracks = body.putObject("tracks");
        String href = API + "/search?query=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8) + "&type=track";
        tracks.put("href", href + "&offset=" + offset + "&limit=" + limit);
        ArrayNode items = tracks.putArray("items");
        for (int i = offset; i < Math.min(hits.size(), offset + limit); i++) items.add(track(hits.get(i), false));
        tracks.put("limit", limit);
        if (offset + limit < hits.size()) tracks.put("next", href + "&offset=" + (offset + limit) + "&limit=" + limit);
        else tracks.putNull("next");
        tracks.put("offset", offset);
        if (offset > 0) tracks.put("previous", href + "&offset=" + Math.max(0, offset - limit) + "&limit=" + limit);
        else tracks.putNull("previous");
        tracks.put("total", hits.size());
        return Answer.json(200, body);
    }

    private Answer one(String id, java.util.function.Function<CatalogTrack, ObjectNode> render) {
        if (!id.matches("[0-9A-Za-z]{22}")) return error(400, "invalid id");
        Optional<CatalogTrack> t = catalog.byId(provider, id);
        return t.map(x -> Answer.json(200, render.apply(x))).orElseGet(() -> error(404, "Resource not found"));
    }

    private Answer several(String ids, String key, java.util.function.Function<CatalogTrack, ObjectNode> render) {
        if (ids == null || ids.isBlank()) return error(400, "invalid request");
        ObjectNode body = Synth.obj();
        ArrayNode arr = body.putArray(key);
        for (String id : ids.split(",")) {
            Optional<CatalogTrack> t = catalog.byId(provider, id.trim());
            if (t.isPresent()) arr.add(render.apply(t.get()));
            else arr.addNull();
        }
        return Answer.json(200, body);
    }

    private static ObjectNode artist(String name) {
        String id = Synth.base62("spotify-artist|" + name, 22);
        ObjectNode a = Synth.obj();
        a.putObject("external_urls").put("spotify", "https://open.spotify.com/artist/" + id);
        a.put("href", API + "/artists/" + id);
        a.put("id", id);
        a.put("name", name);
        a.put("type", "artist");
        a.put("uri", "spotify:artist:" + id);
        return a;
    }

    /** The track object; {@code full} adds what only /v1/tracks/{id} carries ({@code is_local}). */
    ObjectNode track(CatalogTrack t, boolean full) {
        String id = t.id(provider);
        List<String> artists = Synth.artists(t.artist());
        String albumId = Synth.base62("spotify-album|" + t.artist() + "|" + t.title(), 22);
        String date = Synth.releaseDate(t);
        ObjectNode o = Synth.obj();
        ObjectNode album = o.putObject("album");
        album.put("album_type", "single");
        ArrayNode albumArtists = album.putArray("artists");
        albumArtists.add(artist(artists.get(0)));
        album.putArray("available_markets");
        album.putObject("external_urls").put("spotify", "https://open.spotify.com/album/" + albumId);
        album.put("href", API + "/albums/" + albumId);
        album.put("id", albumId);
        ArrayNode images = album.putArray("images");
        for (int size : new int[] {640, 300, 64}) {
            images.addObject().put("height", size).put("url", "https://i.scdn.co/image/ab67616d0000" + Synth.hex(albumId + size, 24)).put("width", size);
        }
        album.put("name", t.title());
        album.put("release_date", date);
        album.put("release_date_precision", "day");
        album.put("total_tracks", 1);
        album.put("type", "album");
        album.put("uri", "spotify:album:" + albumId);
        ArrayNode arts = o.putArray("artists");
        for (String a : artists) arts.add(artist(a));
        o.putArray("available_markets");
        o.put("disc_number", 1);
        if (t.durationMs() != null) o.put("duration_ms", t.durationMs());
        else o.put("duration_ms", (int) Synth.between(id + "dur", 150_000, 420_000));
        o.put("explicit", false);
        ObjectNode ext = o.putObject("external_ids");
        if (t.isrc() != null) ext.put("isrc", t.isrc());
        o.putObject("external_urls").put("spotify", "https://open.spotify.com/track/" + id);
        o.put("href", API + "/tracks/" + id);
        o.put("id", id);
        if (full) o.put("is_local", false);
        o.put("name", t.version() == null ? t.title() : t.title() + " - " + t.version());
        o.put("popularity", (int) Synth.num(id + "pop", 80));
        o.putNull("preview_url");
        o.put("track_number", 1);
        o.put("type", "track");
        o.put("uri", "spotify:track:" + id);
        return o;
    }

    ObjectNode audioFeatures(CatalogTrack t) {
        String id = t.id(provider);
        ObjectNode o = Synth.obj();
        o.put("danceability", t.danceability() != null ? t.danceability() : Synth.between(id + "dance", 400, 900) / 1000.0);
        o.put("energy", t.energy() != null ? t.energy() : Synth.between(id + "energy", 500, 990) / 1000.0);
        o.put("key", Synth.hasKey(t) ? t.key() : -1);
        o.put("loudness", -Synth.between(id + "loud", 2000, 9000) / 1000.0);
        o.put("mode", t.mode() != null ? t.mode() : 1);
        o.put("speechiness", Synth.between(id + "speech", 30, 120) / 1000.0);
        o.put("acousticness", Synth.between(id + "acoustic", 1, 200) / 10000.0);
        o.put("instrumentalness", Synth.between(id + "instr", 100, 900) / 1000.0);
        o.put("liveness", Synth.between(id + "live", 50, 400) / 1000.0);
        o.put("valence", t.valence() != null ? t.valence() : Synth.between(id + "valence", 50, 800) / 1000.0);
        o.put("tempo", t.bpm() != null ? t.bpm() : 0.0);
        o.put("type", "audio_features");
        o.put("id", id);
        o.put("uri", "spotify:track:" + id);
        o.put("track_href", API + "/tracks/" + id);
        o.put("analysis_url", API + "/audio-analysis/" + id);
        o.put("duration_ms", t.durationMs() != null ? t.durationMs() : 0);
        o.put("time_signature", 4);
        return o;
    }
}

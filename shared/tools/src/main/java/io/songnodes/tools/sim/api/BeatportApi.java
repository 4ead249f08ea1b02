package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.Answer;
import io.songnodes.tools.sim.SimRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Beatport v4 from the catalog: {@code /v4/catalog/search?q=&type=tracks} (answer {@code {"tracks": [...]}}, as
 * the beets-beatport4 client reads it), {@code /v4/catalog/tracks/{id}/} and the list filter
 * {@code /v4/catalog/tracks/?isrc=} or {@code ?name=&artist_name=} (paginated {@code results}). The track object
 * follows fixtures/providers/beatport; errors use the Django REST Framework {@code {"detail": ...}} shape.
 */
public final class BeatportApi extends CatalogApi {
    private static final String API = "https://api.beatport.com/v4";

    public BeatportApi(Catalog catalog) { super(catalog, "beatport"); }

    @Override
    public String endpoint(SimRequest r) {
        List<String> s = r.segments();
        if (s.size() < 3 || !s.get(0).equals("v4") || !s.get(1).equals("catalog")) return "unknown";
        if (s.get(2).equals("search")) return "search";
        if (s.get(2).equals("tracks")) return s.size() >= 4 ? "track" : "tracks";
        return "unknown";
    }

    @Override
    public Answer serve(SimRequest r) {
        List<String> s = r.segments();
        return switch (endpoint(r)) {
            case "search" -> search(r);
            case "track" -> {
                Optional<CatalogTrack> t = catalog.byId(provider, s.get(3));
                yield t.map(x -> Answer.json(200, track(x))).orElseGet(BeatportApi::notFound);
            }
            case "tracks" -> filter(r);
            default -> notFound();
        };
    }

    static Answer notFound() { return Answer.json(404, "{\"detail\":\"Not found.\"}"); }

    private Answer search(SimRequest r) {
        String type = r.param("type");
        int perPage = Math.max(1, Math.min(100, intParam(r.param("per_page"), 20)));
        List<CatalogTrack> hits = type != null && !type.contains("track") ? List.of() : findFree(r.param("q"));
        ObjectNode body = Synth.obj();
        ArrayNode tracks = body.putArray("tracks");
        for (int i = 0; i < Math.min(perPage, hits.size()); i++) tracks.add(track(hits.get(i)));
        return Answer.json(200, body);
    }

    private Answer filter(SimRequest r) {
        int perPage = Math.max(1, Math.min(100, intParam(r.param("per_page"), 10)));
        List<CatalogTrack> hits;
        if (r.param("isrc") != null) hits = catalog.byIsrc(provider, r.param("isrc"));
        else if (r.param("name") != null || r.param("artist_name") != null) {
            hits = catalog.search(provider, r.param("artist_name"), r.param("name"), false).stream().map(Catalog.Hit::track).toList();
        } else hits = catalog.tracks().stream().filter(t -> t.has(provider)).toList();
        ObjectNode body = Synth.obj();
        ArrayNode results = body.putArray("results");
        for (int i = 0; i < Math.min(perPage, hits.size()); i++) results.add(track(hits.get(i)));
        body.putNull("next");
        body.putNull("previous");
        body.put("count", hits.size());
        body.put("page", "1/" + Math.max(1, (hits.size() + perPage - 1) / perPage));
        body.put("per_page", perPage);
        return Answer.json(200, body);
    }

    private static ObjectNode image(String seed, String size) {
        String uuid = Synth.uuid(seed);
        ObjectNode i = Synth.obj();
        i.put("id", Synth.between(seed, 1_000_000, 49_999_999));
        i.put("uri", "https://geo-media.beatport.com/image_size/" + size + "/" + uuid + ".jpg");
        i.put("dynamic_uri", "https://geo-media.beatport.com/image_size/{w}x{h}/" + uuid + ".jpg");
        return i;
    }

    ObjectNode track(CatalogTrack t) {
        String id = t.id(provider);
        String date = Synth.releaseDate(t);
        ObjectNode o = Synth.obj();
        ArrayNode artists = o.putArray("artists");
        for (String a : Synth.artists(t.artist())) {
            long aid = Synth.between("beatport-artist|" + a, 1000, 1_500_000);
            ObjectNode ao = artists.addObject();
            ao.put("id", aid);
            ao.set("image", image("beatport-artist-img|" + a, "590x404"));
            ao.put("name", a);
            ao.put("slug", Synth.slug(a));
            ao.put("url", API + "/catalog/artists/" + aid + "/");
        }
        o.put("publish_status", "published");
        o.put("available_worldwide", true);
        if (t.bpm() != null) o.put("bpm", Math.round(t.bpm()));
        else o.putNull("bpm");
        o.putArray("bsrc_remixer");
        o.put("catalog_number", "SIM" + Synth.between(id + "cat", 100, 999));
        o.putObject("current_status").put("id", 10).put("name", "General Content").put("url", API + "/auxiliary/current-status/10/");
        o.put("encoded_date", date + "T00:00:00-06:00");
        o.put("exclusive", false);
        o.putArray("free_downloads");
        o.putNull("free_download_start_date");
        o.putNull("free_download_end_date");
        String[] genre = genre(t);
        o.putObject("genre").put("id", Integer.parseInt(genre[0])).put("name", genre[1]).put("slug", Synth.slug(genre[1]))
                .put("url", API + "/catalog/genres/" + genre[0] + "/");
        if (id.matches("\\d{1,18}")) o.put("id", Long.parseLong(id));
        else o.put("id", id);
        o.set("image", image("beatport-wave|" + id, "1500x250"));
        o.put("is_available_for_streaming", true);
        o.put("is_explicit", false);
        o.put("is_ugc_remix", false);
        String v = t.version() == null ? "" : t.version().toLowerCase(Locale.ROOT);
        o.put("is_dj_edit", v.contains("edit") && !v.contains("radio"));
        if (t.isrc() != null) o.put("isrc", t.isrc());
        else o.putNull("isrc");
        if (Synth.hasKey(t)) {
            int key = t.key();
            int mode = t.mode();
            ObjectNode k = o.putObject("key");
            k.put("camelot_number", Synth.camelotNumber(key, mode));
            k.put("camelot_letter", mode == 1 ? "B" : "A");
            k.putObject("chord_type").put("id", mode == 1 ? 2 : 1).put("name", mode == 1 ? "Major" : "Minor")
                    .put("url", API + "/catalog/chord-types/" + (mode == 1 ? 2 : 1) + "/");
            int keyId = mode == 1 ? 13 + key : 1 + key;
            k.put("id", keyId);
            k.put("is_sharp", Synth.keySharp(key));
            k.put("is_flat", false);
            k.put("letter", Synth.keyLetter(key));
            k.put("name", Synth.keyName(key, mode));
            k.put("url", API + "/catalog/keys/" + keyId + "/");
        } else {
            o.putNull("key");
        }
        o.putNull("label_track_identifier");
        o.put("length", Synth.mmss(t.durationMs()));
        if (t.durationMs() != null) o.put("length_ms", t.durationMs());
        else o.putNull("length_ms");
        o.put("mix_name", t.version() == null ? "Original Mix" : t.version());
        o.put("name", t.title());
        o.put("new_release_date", date);
        o.put("pre_order", false);
        o.putNull("pre_order_date");
        o.putObject("price").put("code", "USD").put("symbol", "$").put("value", 1.49).put("display", "$1.49");
        o.put("publish_date", date);
        ObjectNode release = o.putObject("release");
        long rid = Synth.between("beatport-release|" + id, 100_000, 5_999_999);
        release.put("id", rid);
        release.put("name", t.title());
        release.set("image", image("beatport-release-img|" + id, "1400x1400"));
        String label = Synth.label(t);
        ObjectNode lo = release.putObject("label");
        lo.put("id", Synth.between("beatport-label|" + label, 1, 150_000));
        lo.put("name", label);
        lo.set("image", image("beatport-label-img|" + label, "500x500"));
        lo.put("slug", Synth.slug(label));
        release.put("slug", Synth.slug(t.title()));
        ArrayNode remixers = o.putArray("remixers");
        if (v.contains("remix")) {
            String remixer = t.version().replaceAll("(?i)\\s*(remix|edit|mix).*$", "").trim();
            if (!remixer.isEmpty()) {
                long rx = Synth.between("beatport-artist|" + remixer, 1000, 1_500_000);
                remixers.addObject().put("id", rx).put("name", remixer).put("slug", Synth.slug(remixer)).put("url", API + "/catalog/artists/" + rx + "/");
            }
        }
        o.putObject("sale_type").put("id", 1).put("name", "purchase").put("url", API + "/auxiliary/sale-types/1/");
        o.put("sample_url", "https://geo-samples.beatport.com/track/" + Synth.uuid("beatport-sample|" + id) + ".LOFI.mp3");
        o.put("sample_start_ms", 120_000);
        o.put("sample_end_ms", 240_000);
        o.put("slug", Synth.slug(t.title()));
        o.putNull("sub_genre");
        o.put("url", API + "/catalog/tracks/" + id + "/");
        o.put("is_hype", false);
        return o;
    }

    /** Beatport genre [id, name] for the catalog's genre words. */
    private static String[] genre(CatalogTrack t) {
        String g = String.join(",", t.genres()).toLowerCase(Locale.ROOT);
        if (g.contains("big room")) return new String[] {"79", "Mainstage"};
        if (g.contains("trance")) return new String[] {"7", "Trance (Main Floor)"};
        if (g.contains("progressive house")) return new String[] {"15", "Progressive House"};
        if (g.contains("electro house") || g.contains("complextro")) return new String[] {"17", "Electro House"};
        if (g.contains("techno")) return new String[] {"6", "Techno (Peak Time / Driving)"};
        if (g.contains("dubstep")) return new String[] {"18", "Dubstep"};
        if (g.contains("drum and bass") || g.contains("drum & bass")) return new String[] {"1", "Drum & Bass"};
        if (g.contains("disco") || g.contains("nu disco")) return new String[] {"50", "Nu Disco / Disco"};
        if (g.contains("house")) return new String[] {"5", "House"};
        if (g.contains("pop")) return new String[] {"39", "Dance / Pop"};
        return new String[] {"3", "Electronica"};
    }
}

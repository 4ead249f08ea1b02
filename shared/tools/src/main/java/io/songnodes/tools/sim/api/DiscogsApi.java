package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.Answer;
import io.songnodes.tools.sim.SimRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Discogs from the catalog: {@code /database/search?type=release&artist=&track=} (or {@code q=}) and
 * {@code /releases/{id}}. The catalog's discogs id is the release id. Shapes follow fixtures/providers/discogs.
 */
public final class DiscogsApi extends CatalogApi {
    private static final String API = "https://api.discogs.com";

    public DiscogsApi(Catalog catalog) { super(catalog, "discogs"); }

    @Override
    public String endpoint(SimRequest r) {
        List<String> s = r.segments();
        if (s.size() >= 2 && s.get(0).equals("database") && s.get(1).equals("search")) return "search";
        if (s.size() >= 2 && s.get(0).equals("releases")) return "release";
        return "unknown";
    }

    @Override
    public Answer serve(SimRequest r) {
        return switch (endpoint(r)) {
            case "search" -> search(r);
            case "release" -> release(r.segments().get(1));
            default -> Answer.json(404, "{\"message\":\"The requested resource was not found.\"}");
        };
    }

    private Answer search(SimRequest r) {
        int perPage = Math.min(100, Math.max(1, intParam(r.param("per_page"), 50)));
        int page = Math.max(1, intParam(r.param("page"), 1));
        String type = r.param("type");
        List<CatalogTrack> hits;
        if (type != null && !type.isBlank() && !type.equals("release") && !type.equals("master")) hits = List.of();
        else if (r.param("artist") != null || r.param("track") != null || r.param("release_title") != null) {
            String title = r.param("track") != null ? r.param("track") : r.param("release_title");
            hits = catalog.search(provider, r.param("artist"), title, false).stream().map(Catalog.Hit::track).toList();
        } else {
            hits = findFree(r.param("q"));
        }
        ObjectNode body = Synth.obj();
        ObjectNode pg = body.putObject("pagination");
        pg.put("page", page);
        pg.put("pages", Math.max(1, (hits.size() + perPage - 1) / perPage));
        pg.put("per_page", perPage);
        pg.put("items", hits.size());
        pg.putObject("urls");
        ArrayNode results = body.putArray("results");
        for (int i = (page - 1) * perPage; i < Math.min(hits.size(), page * perPage); i++) {
            CatalogTrack t = hits.get(i);
            String id = t.id(provider);
            ObjectNode o = results.addObject();
            o.put("country", "Netherlands");
            o.put("year", Synth.releaseDate(t).substring(0, 4));
            o.putArray("format").add("File").add("MP3").add("Single");
            ObjectNode fmt = o.putArray("formats").addObject();
            fmt.put("name", "File");
            fmt.put("qty", "1");
            fmt.putArray("descriptions").add("MP3").add("Single");
            o.put("format_quantity", 1);
            o.putArray("label").add(Synth.label(t));
            o.put("type", "release");
            o.putArray("genre").add("Electronic");
            ArrayNode style = o.putArray("style");
            for (String s : styles(t)) style.add(s);
            putId(o, id);
            o.putArray("barcode");
            o.putObject("user_data").put("in_wantlist", false).put("in_collection", false);
            o.put("master_id", 0);
            o.putNull("master_url");
            o.put("uri", "/release/" + id + "-" + Synth.slug(t.artist() + " " + t.title()));
            o.put("catno", catno(t));
            o.put("title", t.artist() + " - " + t.title());
            o.put("thumb", "");
            o.put("cover_image", "https://st.discogs.com/images/default-release-cd.png");
            o.put("resource_url", API + "/releases/" + id);
            o.putObject("community").put("want", Synth.num(id + "want", 500)).put("have", Synth.num(id + "have", 900));
        }
        return Answer.json(200, body);
    }

    private Answer release(String id) {
        Optional<CatalogTrack> found = catalog.byId(provider, id);
        if (found.isEmpty()) return Answer.json(404, "{\"message\":\"Release not found.\"}");
        CatalogTrack t = found.get();
        String date = Synth.releaseDate(t);
        ObjectNode o = Synth.obj();
        putId(o, t.id(provider));
        o.put("status", "Accepted");
        o.put("year", Integer.parseInt(date.substring(0, 4)));
        o.put("resource_url", API + "/releases/" + id);
        o.put("uri", "https://www.discogs.com/release/" + id + "-" + Synth.slug(t.artist() + " " + t.title()));
        ArrayNode artists = o.putArray("artists");
        List<String> names = Synth.artists(t.artist());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            artists.addObject().put("name", n).put("anv", "").put("join", Synth.joinphrase(t.artist(), names, i).trim())
                    .put("role", "").put("tracks", "").put("id", Synth.between("discogs-artist|" + n, 1000, 9_999_999))
                    .put("resource_url", API + "/artists/" + Synth.between("discogs-artist|" + n, 1000, 9_999_999));
        }
        o.put("artists_sort", t.artist());
        String label = Synth.label(t);
        long labelId = Synth.between("discogs-label|" + label, 1, 2_000_000);
        o.putArray("labels").addObject().put("name", label).put("catno", catno(t)).put("entity_type", "1")
                .put("entity_type_name", "Label").put("id", labelId).put("resource_url", API + "/labels/" + labelId);
        o.putArray("series");
        o.putArray("companies");
        ObjectNode fmt = o.putArray("formats").addObject();
        fmt.put("name", "File");
        fmt.put("qty", "1");
        fmt.putArray("descriptions").add("MP3").add("Single");
        o.put("data_quality", "Needs Vote");
        ObjectNode community = o.putObject("community");
        community.put("have", Synth.num(id + "have", 900)).put("want", Synth.num(id + "want", 500));
        community.putObject("rating").put("count", 0).put("average", 0);
        community.putObject("submitter").put("username", "songnodes-sim").put("resource_url", API + "/users/songnodes-sim");
        community.putArray("contributors").addObject().put("username", "songnodes-sim").put("resource_url", API + "/users/songnodes-sim");
        community.put("data_quality", "Needs Vote").put("status", "Accepted");
        o.put("format_quantity", 1);
        o.put("title", t.title());
        o.put("country", "Netherlands");
        o.put("released", date);
        o.put("released_formatted", date);
        o.putArray("identifiers");
        o.putArray("videos");
        o.putArray("genres").add("Electronic");
        ArrayNode st = o.putArray("styles");
        for (String s : styles(t)) st.add(s);
        ObjectNode tr = o.putArray("tracklist").addObject();
        tr.put("position", "1");
        tr.put("type_", "track");
        tr.put("title", t.fullTitle());
        tr.put("duration", Synth.mmss(t.durationMs()));
        o.putArray("extraartists");
        o.putArray("images");
        o.put("thumb", "");
        return Answer.json(200, o);
    }

    private static void putId(ObjectNode o, String id) {
        if (id.matches("\\d{1,18}")) o.put("id", Long.parseLong(id));
        else o.put("id", id);
    }

    private static String catno(CatalogTrack t) {
        String label = Synth.label(t).replaceAll("[^A-Za-z]", "");
        return label.substring(0, Math.min(3, label.length())).toUpperCase(Locale.ROOT) + Synth.between(t.artist() + t.title(), 100, 999);
    }

    /** Discogs styles are capitalised words ("Progressive House", "Trance"). */
    private static List<String> styles(CatalogTrack t) {
        List<String> out = new ArrayList<>();
        for (String g : t.genres()) {
            StringBuilder sb = new StringBuilder();
            for (String w : g.split(" ")) if (!w.isEmpty()) sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            if (!out.contains(sb.toString())) out.add(sb.toString());
        }
        return out;
    }
}

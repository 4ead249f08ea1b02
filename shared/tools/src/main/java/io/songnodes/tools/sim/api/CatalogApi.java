package io.songnodes.tools.sim.api;

import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.ProviderApi;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Base of the catalog-mode APIs: query parsing shared by the Lucene-like search syntaxes. */
abstract class CatalogApi implements ProviderApi {
    private static final Pattern FIELD = Pattern.compile("(\\w+):(?:\"([^\"]*)\"|\\(([^)]*)\\)|(\\S+))");

    protected final Catalog catalog;
    protected final String provider;

    CatalogApi(Catalog catalog, String provider) {
        this.catalog = catalog;
        this.provider = provider;
    }

    /** A parsed search query: fielded values ({@code artist:"A" track:"T"}) and the free text left over. */
    record Query(String artist, String title, String isrc, String free) {
        boolean fielded() { return artist != null || title != null; }
        String titleOrFree() { return title != null ? title : free; }
    }

    /** Parses {@code artist:"A" AND recording:"T"}, {@code isrc:X}, or free text. */
    static Query parse(String q, String titleField) {
        if (q == null) return new Query(null, null, null, "");
        String artist = null, title = null, isrc = null;
        Matcher m = FIELD.matcher(q);
        StringBuilder free = new StringBuilder();
        int last = 0;
        while (m.find()) {
            free.append(q, last, m.start()).append(' ');
            last = m.end();
            String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            String f = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (f.equals("artist") || f.equals("artistname")) artist = v;
            else if (f.equals(titleField) || f.equals("track") || f.equals("title")) title = v;
            else if (f.equals("isrc")) isrc = v;
        }
        free.append(q.substring(last));
        String rest = free.toString().replaceAll("\\b(AND|OR|NOT)\\b", " ").replaceAll("\\s+", " ").trim();
        return new Query(artist, title, isrc, rest);
    }

    /** Search hits for a parsed query, best first. */
    protected List<CatalogTrack> find(Query q) {
        if (q.isrc() != null) return catalog.byIsrc(provider, q.isrc());
        if (q.fielded()) return catalog.search(provider, q.artist(), q.title(), false).stream().map(Catalog.Hit::track).toList();
        return findFree(q.free());
    }

    /** Free text: each leading split of the words is tried as artist / title, the best-scoring split wins. */
    protected List<CatalogTrack> findFree(String text) {
        if (text == null || text.isBlank()) return List.of();
        List<Catalog.Hit> best = catalog.search(provider, null, text, true);
        double bestScore = best.isEmpty() ? 0 : best.get(0).score();
        String[] w = text.trim().split("\\s+");
        for (int i = 1; i < w.length; i++) {
            String a = String.join(" ", java.util.Arrays.copyOfRange(w, 0, i));
            String t = String.join(" ", java.util.Arrays.copyOfRange(w, i, w.length));
            for (String[] split : new String[][] {{a, t}, {t, a}}) {
                List<Catalog.Hit> hits = catalog.search(provider, split[0], split[1], true);
                if (!hits.isEmpty() && hits.get(0).score() > bestScore) {
                    best = hits;
                    bestScore = hits.get(0).score();
                }
            }
        }
        return best.stream().map(Catalog.Hit::track).toList();
    }

    static int intParam(String v, int dflt) {
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package io.songnodes.tools.catalog;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a simulator catalog from 1001tracklists exports (the kit's {@code *.csv}: name, byArtist, spotify0,
 * beatport0, tempo, key, mode, duration_ms, energy, danceability, valence, genres). Rows without a Spotify or
 * Beatport id (mashup parents, unidentified acappellas) are left out; a track played twice is listed once.
 */
public final class CatalogBuilder {
    private static final Pattern TRAILING_BRACKET = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)\\s*$");
    private static final List<String> VERSION_WORDS = List.of("mix", "remix", "edit", "version", "acappella", "a cappella",
            "bootleg", "vip", "dub", "instrumental", "rework", "mashup", "mash up", "intro", "extended", "radio", "club",
            "remaster", "remastered", "live", "flip", "re-edit", "cut");

    private CatalogBuilder() {}

    /** Catalog tracks from every {@code *.csv} in {@code dir}, in file-name then row order. */
    public static List<CatalogTrack> from1001Dir(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--from-1001: not a directory: " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) throw new IllegalArgumentException("--from-1001: no .csv files in " + dir);
        Map<String, CatalogTrack> byIds = new LinkedHashMap<>();
        for (Path f : files) for (CatalogTrack t : from1001Csv(f)) byIds.putIfAbsent(t.id("spotify") + "|" + t.id("beatport"), t);
        return List.copyOf(byIds.values());
    }

    /** Catalog tracks of one 1001tracklists CSV (duplicates kept). */
    public static List<CatalogTrack> from1001Csv(Path csv) {
        List<CatalogTrack> out = new ArrayList<>();
        int line = 1;
        for (Map<String, String> r : readCsv(csv)) {
            line++;
            String spotify = blankToNull(r.get("spotify0"));
            String beatport = blankToNull(r.get("beatport0"));
            if (spotify == null && beatport == null) continue;
            String name = r.get("name");
            if (name == null || name.isBlank()) throw new IllegalArgumentException(csv + " row " + line + ": empty 'name'");
            int dash = name.indexOf(" - ");
            String artist = dash < 0 ? blankToNull(r.get("byArtist")) : name.substring(0, dash).trim();
            String rest = dash < 0 ? name.trim() : name.substring(dash + 3).trim();
            String title = rest;
            String version = null;
            Matcher m = TRAILING_BRACKET.matcher(rest);
            if (m.matches() && isVersion(m.group(2))) {
                title = m.group(1).trim();
                version = m.group(2).trim();
            }
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("spotify", spotify);
            ids.put("beatport", beatport);
            List<String> genres = blankToNull(r.get("genres")) == null ? List.of()
                    : Arrays.stream(r.get("genres").split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
            Double duration = num(r.get("duration_ms"));
            out.add(new CatalogTrack(artist == null ? "" : artist, title, version,
                    duration == null ? null : (int) Math.round(duration), num(r.get("tempo")), intNum(r.get("key")),
                    intNum(r.get("mode")), genres, null, null, null, ids, num(r.get("energy")), num(r.get("danceability")),
                    num(r.get("valence"))));
        }
        return out;
    }

    /** True for a bracket that names a version ("Cosmic Gate Remix", "Extended Mix") rather than part of a title. */
    public static boolean isVersion(String bracket) {
        String b = " " + bracket.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", " ") + " ";
        for (String w : VERSION_WORDS) if (b.contains(" " + w + " ")) return true;
        return false;
    }

    private static List<Map<String, String>> readCsv(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            List<Map<String, String>> rows = it.readAll();
            if (!rows.isEmpty() && !rows.get(0).containsKey("name"))
                throw new IllegalArgumentException(csv + ": not a 1001tracklists export (no 'name' column)");
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + csv, e);
        }
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }

    private static Double num(String s) { return blankToNull(s) == null ? null : Double.valueOf(s.trim()); }

    private static Integer intNum(String s) { return blankToNull(s) == null ? null : (int) Double.parseDouble(s.trim()); }
}

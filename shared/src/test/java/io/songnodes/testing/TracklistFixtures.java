package io.songnodes.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.Hints;
import io.songnodes.model.PlaylistRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the real tracklists of the team kit into bronze records, the way a scraper would publish them.
 * 1001tracklists rows carry their ground truth (Spotify and Beatport ids, tempo, key) in {@link Row}.
 */
public final class TracklistFixtures {
    public static final Instant SCRAPED_AT = Instant.parse("2025-10-10T12:00:00Z");

    /** One fixture row: the bronze record plus the ids and audio features the CSV recorded for it. */
    public record Row(BronzeRecord bronze, boolean mashupPart, boolean mashup, String spotifyId, String beatportId,
                      Double tempo, Integer key, Integer mode, Integer durationMs, Double energy, List<String> genres,
                      boolean with) {}

    private TracklistFixtures() {}

    public static List<Path> files1001() {
        Path dir = TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer");
        return List.of(dir.resolve("cosmic_gate_example.csv"), dir.resolve("hardwell_example.csv"), dir.resolve("justice_example.csv"));
    }

    public static Path mixesDb() { return TeamKit.tracklists().resolve("mixesdb/Adiel_tracklists.csv"); }

    /** Every 1001tracklists row of the kit, in file order. */
    public static List<Row> all1001() {
        List<Row> rows = new ArrayList<>();
        for (Path f : files1001()) rows.addAll(load1001(f));
        return rows;
    }

    /**
     * Rows of one 1001tracklists CSV. {@code w/} rows take the position of the row before; the parts of a
     * mashup (rows with an empty track number) are flagged {@code mashupPart} and share its position too.
     */
    public static List<Row> load1001(Path csv) {
        List<Row> rows = new ArrayList<>();
        int position = 0;
        for (Map<String, String> r : readCsv(csv)) {
            String number = r.getOrDefault("track_number", "").trim();
            boolean with = number.startsWith("w/");
            if (!number.isEmpty() && !with) position = Integer.parseInt(number);
            String name = r.get("name");
            int dash = name.indexOf(" - ");
            String artist = dash < 0 ? "" : name.substring(0, dash);
            String title = dash < 0 ? name : name.substring(dash + 3);
            String playlistId = r.get("tracklist_id");
            String url = r.get("url");
            String trackId = url.split("/").length > 2 ? url.split("/")[2] : null;
            boolean mashup = "True".equals(r.get("mashup"));
            boolean part = mashup && number.isEmpty();
            String dj = r.getOrDefault("DJ0", null);
            PlaylistRef playlist = new PlaylistRef(playlistId, r.get("tracklist_name"), dj == null || dj.isEmpty() ? null : dj,
                    emptyToNull(r.get("Open Air / Festival0")), r.get("tracklist_date"), position, emptyToNull(r.get("time") == null ? null : r.get("time").trim()));
            String spotify = emptyToNull(r.get("spotify0"));
            String beatport = emptyToNull(r.get("beatport0"));
            BronzeRecord bronze = new BronzeRecord("1001tracklists", "https://www.1001tracklists.com/tracklist/" + playlistId + "/",
                    trackId, artist, title, playlist, null, SCRAPED_AT, "fixture");
            rows.add(new Row(bronze, part, mashup && !part, spotify, beatport, num(r.get("tempo")), intNum(r.get("key")),
                    intNum(r.get("mode")), intNum(r.get("duration_ms")), num(r.get("energy")),
                    r.getOrDefault("genres", "").isBlank() ? List.of() : List.of(r.get("genres").split(",")), with));
        }
        return rows;
    }

    /** Every MixesDB row as a bronze record; an empty artist stays empty, as MixesDB writes it. */
    public static List<BronzeRecord> loadMixesDb() {
        List<BronzeRecord> out = new ArrayList<>();
        for (Map<String, String> r : readCsv(mixesDb())) {
            String mix = r.get("mix_title");
            PlaylistRef playlist = new PlaylistRef(r.get("mix_url").substring(r.get("mix_url").lastIndexOf('/') + 1), mix,
                    null, null, mix.length() >= 10 ? mix.substring(0, 10) : null, Integer.parseInt(r.get("position")),
                    emptyToNull(r.get("timestamp")));
            out.add(new BronzeRecord("mixesdb", r.get("mix_url"), null, r.get("artist"), r.get("title"), playlist,
                    Hints.EMPTY, SCRAPED_AT, "fixture"));
        }
        return out;
    }

    /** Bronze JSON lines for every kit tracklist, as a scraper would publish them. */
    public static List<String> allBronzeJson() {
        List<String> lines = new ArrayList<>();
        all1001().forEach(r -> lines.add(Json.write(r.bronze())));
        loadMixesDb().forEach(b -> lines.add(Json.write(b)));
        return lines;
    }

    private static List<Map<String, String>> readCsv(Path csv) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        String text;
        try {
            text = Files.readString(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(text)) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String emptyToNull(String s) { return s == null || s.isBlank() ? null : s; }

    private static Double num(String s) { return s == null || s.isBlank() ? null : Double.valueOf(s); }

    private static Integer intNum(String s) { return s == null || s.isBlank() ? null : (int) Double.parseDouble(s); }
}

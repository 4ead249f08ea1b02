package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * MusicBrainz WS/2 in JSON: recording lookup by MBID, ISRC lookup, Lucene recording search. No key, but a
 * meaningful User-Agent is mandatory. Its 503 has two meanings told apart by the body: the per-IP rate
 * limit ("Your requests are exceeding the allowable rate limit") and edge load shedding ("currently busy").
 */
public final class MusicBrainzClient extends ProviderClientBase {
    static final String SEARCH = "search", RECORDING = "recording", ISRC = "isrc", RELEASE = "release";
    static final String RECORDING_INC = "isrcs+releases+artist-credits+tags+genres";
    static final String ISRC_INC = "artist-credits+tags";
    static final String RELEASE_INC = "recordings+artist-credits+labels+isrcs+genres";
    private static final String RATE_LIMIT_PREFIX = "your requests are exceeding the allowable rate limit";

    public MusicBrainzClient(ProviderSettings settings, ProviderHttp http) {
        super(ProviderName.MUSICBRAINZ, http, settings);
    }

    @Override
    protected CompletableFuture<List<Candidate>> byId(String mbid, TrackQuery query, ProviderHttp via) {
        // inc is '+'-joined as the WS/2 documentation writes it
        return call(via, RECORDING, "/ws/2/recording/" + seg(mbid) + "?inc=" + RECORDING_INC + "&fmt=json")
                .thenApply(body -> List.of(MusicBrainzParser.recording(body, null, null)));
    }

    @Override
    protected CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via) {
        return call(via, ISRC, "/ws/2/isrc/" + seg(isrc) + "?inc=" + ISRC_INC + "&fmt=json").thenApply(MusicBrainzParser::isrc);
    }

    @Override
    protected CompletableFuture<List<Candidate>> search(TrackQuery q, ProviderHttp via) {
        String artist = q.artist() == null ? "" : q.artist().trim(), title = q.title() == null ? "" : q.title().trim();
        // free text: bare words, so no character of the title reads as Lucene syntax
        String lucene = q.fuzzy() && !artist.isEmpty() && !title.isEmpty() ? fuzzyQuery(artist, title)
                : artist.isEmpty() ? title.replaceAll("[^\\p{L}\\p{N}]+", " ").trim() : title.isEmpty() ? "artist:\"" + lucene(artist) + "\""
                : "artist:\"" + lucene(artist) + "\" AND recording:\"" + lucene(title) + "\"";
        String page = q.offset() > 0 ? "&offset=" + q.offset() : "";
        return call(via, SEARCH, "/ws/2/recording?query=" + enc(lucene) + "&fmt=json&limit=" + settings.searchLimit() + page)
                .thenApply(MusicBrainzParser::search);
    }

    /**
     * A Lucene query whose words match within one typing slip: {@code word~1} is a fuzzy term, matched by
     * Damerau-Levenshtein distance (a transposed pair counts as one edit), so "Jsutice" finds "Justice" and "Randdy"
     * finds "Randy". Every word of the title before a bracket is required ({@code +}), the version's words and any
     * artist word are optional (a credit lists joiners and featured artists a tracklist may write otherwise; MusicBrainz
     * leaves "Original Mix" out of titles). Words of one or two letters, and words with digits, stay exact: one
     * edit would make them any other short word. Terms are bare words (no phrase: {@code "a b"~1} would be a
     * proximity search), so nothing in them reads as syntax.
     */
    static String fuzzyQuery(String artist, String title) {
        int bracket = title.replaceAll("[\\[(].*", "").length();
        List<String> words = new java.util.ArrayList<>();
        for (String w : fuzzyTerms(title.substring(0, bracket))) words.add("+" + w);
        words.addAll(words.isEmpty() ? fuzzyTerms(title) : fuzzyTerms(title.substring(bracket)));
        List<String> artists = fuzzyTerms(artist);
        String recording = words.isEmpty() ? "" : "recording:(" + String.join(" ", words) + ")";
        if (artists.isEmpty()) return recording;
        return "artist:(" + String.join(" ", artists) + ")" + (recording.isEmpty() ? "" : " AND " + recording);
    }

    private static List<String> fuzzyTerms(String s) {
        String folded = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[.'\u2019`]", "")
                .replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ß", "ss").replace("đ", "d").replace("ł", "l");
        List<String> out = new java.util.ArrayList<>();
        for (String w : folded.split("[^\\p{L}\\p{N}]+")) {
            if (w.isEmpty()) continue;
            out.add(w.length() < 3 || w.chars().anyMatch(Character::isDigit) ? w : w + "~1");
        }
        return out;
    }

    /** The tracks of one release (label, date and per-recording ISRCs and genres): where MusicBrainz keeps labels. */
    public List<Candidate> releaseTracks(String releaseMbid) throws ProviderException {
        return ProviderHttp.await(call(http, RELEASE, "/ws/2/release/" + seg(releaseMbid) + "?inc=" + RELEASE_INC + "&fmt=json")
                .thenApply(MusicBrainzParser::releaseTracks), name);
    }

    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String pathAndQuery) {
        return exchange(via, endpoint, get(settings.endpoints().musicbrainz() + pathAndQuery).build(), r -> {
            if (ok(r)) return json(r, endpoint);
            throw classify(r, endpoint);
        });
    }

    ProviderException classify(HttpResponse<String> r, String endpoint) {
        // {"error":"Not Found","help":"For usage, please see: ..."}
        String message = Fields.text(jsonOrMissing(r), "error");
        int s = r.statusCode();
        if (s == 503) {
            boolean rateLimited = message != null && message.toLowerCase(java.util.Locale.ROOT).startsWith(RATE_LIMIT_PREFIX);
            return error(rateLimited ? Kind.RATE_LIMITED : Kind.TRANSIENT, r, endpoint, message);
        }
        // 403 here means the User-Agent was refused or blocked: a configuration fault, not a missing capability
        if (s == 403) return error(Kind.PERMANENT, r, endpoint, message);
        return statusError(r, endpoint, message);
    }

    /** Escapes what Lucene would read as syntax inside a quoted phrase. */
    static String lucene(String s) { return s.trim().replace("\\", "\\\\").replace("\"", "\\\""); }
}

package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.songnodes.flink.types.BronzeRecordSerializer;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One played track as a scraper saw it (docs/contracts.md §1); unknown fields are kept verbatim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@TypeInfo(BronzeRecordSerializer.Factory.class)
public final class BronzeRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String sourceUrl;
    private final String sourceTrackId;
    private final String artist;
    private final String title;
    private final PlaylistRef playlist;
    private final Hints hints;
    private final Instant scrapedAt;
    private final String scraperVersion;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    @JsonCreator
    public BronzeRecord(
            @JsonProperty("source") String source,
            @JsonProperty("source_url") String sourceUrl,
            @JsonProperty("source_track_id") String sourceTrackId,
            @JsonProperty("artist") String artist,
            @JsonProperty("title") String title,
            @JsonProperty("playlist") PlaylistRef playlist,
            @JsonProperty("hints") Hints hints,
            @JsonProperty("scraped_at") Instant scrapedAt,
            @JsonProperty("scraper_version") String scraperVersion) {
        this.source = source;
        this.sourceUrl = sourceUrl;
        this.sourceTrackId = sourceTrackId;
        this.artist = artist;
        this.title = title;
        this.playlist = playlist;
        this.hints = hints;
        this.scrapedAt = scrapedAt;
        this.scraperVersion = scraperVersion;
    }

    @JsonProperty("source") public String source() { return source; }
    @JsonProperty("source_url") public String sourceUrl() { return sourceUrl; }
    @JsonProperty("source_track_id") public String sourceTrackId() { return sourceTrackId; }
    @JsonProperty("artist") public String artist() { return artist; }
    @JsonProperty("title") public String title() { return title; }
    @JsonProperty("playlist") public PlaylistRef playlist() { return playlist; }
    @JsonProperty("hints") public Hints hints() { return hints; }
    @JsonProperty("scraped_at") public Instant scrapedAt() { return scrapedAt; }
    @JsonProperty("scraper_version") public String scraperVersion() { return scraperVersion; }

    @JsonAnyGetter public Map<String, Object> extra() { return extra; }
    @JsonAnySetter void putExtra(String key, Object value) { extra.put(key, value); }

    /** Hints, never null. */
    @JsonIgnore public Hints hintsOrEmpty() { return hints == null ? Hints.EMPTY : hints; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof BronzeRecord)) return false;
        BronzeRecord r = (BronzeRecord) o;
        return Objects.equals(source, r.source) && Objects.equals(sourceUrl, r.sourceUrl)
                && Objects.equals(sourceTrackId, r.sourceTrackId) && Objects.equals(artist, r.artist)
                && Objects.equals(title, r.title) && Objects.equals(playlist, r.playlist)
                && Objects.equals(hints, r.hints) && Objects.equals(scrapedAt, r.scrapedAt)
                && Objects.equals(scraperVersion, r.scraperVersion) && Objects.equals(extra, r.extra);
    }

    @Override public int hashCode() { return Objects.hash(source, sourceUrl, sourceTrackId, artist, title, scrapedAt); }

    @Override public String toString() { return "BronzeRecord{" + source + ' ' + sourceUrl + ' ' + artist + " - " + title + '}'; }
}

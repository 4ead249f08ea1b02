package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.songnodes.flink.types.AnyValueSerializer;
import java.io.Serializable;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One silver field with its provenance: which provider won it, for which record, how sure, and by which rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldValue(
        @TypeInfo(AnyValueSerializer.Factory.class) @JsonProperty("value") Object value,
        @JsonProperty("provider") String provider,
        @JsonProperty("provider_record_id") String providerRecordId,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("fetched_at") Instant fetchedAt,
        @JsonProperty("rule") String rule) implements Serializable {

    /** Provenance for a value that came with the bronze record itself (a scraper hint). */
    public static FieldValue fromSource(Object value, String source, Instant at) {
        return new FieldValue(value, "source:" + source, null, 1.0, at, "bronze_hint");
    }
}

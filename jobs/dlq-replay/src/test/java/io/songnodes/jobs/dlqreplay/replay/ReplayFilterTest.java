package io.songnodes.jobs.dlqreplay.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import io.songnodes.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Header filters: every criterion must hold, time bounds and id lists. */
class ReplayFilterTest {
    static DlqMessage msg(String type, String provider, String field, String source, String firstFailed, String messageId, String body) {
        Map<String, Object> h = new HashMap<>();
        // the client delivers string headers as LongString
        if (type != null) h.put(DeadLetter.H_ERROR_TYPE, LongStringHelper.asLongString(type));
        if (provider != null) h.put(DeadLetter.H_PROVIDER, LongStringHelper.asLongString(provider));
        if (field != null) h.put(DeadLetter.H_FIELD, LongStringHelper.asLongString(field));
        if (source != null) h.put(DeadLetter.H_SOURCE, LongStringHelper.asLongString(source));
        if (firstFailed != null) h.put(DeadLetter.H_FIRST_FAILED_AT, LongStringHelper.asLongString(firstFailed));
        AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().headers(h).messageId(messageId)
                .timestamp(Date.from(Instant.parse("2026-02-01T00:00:00Z"))).build();
        return new DlqMessage(p, body.getBytes(StandardCharsets.UTF_8));
    }

    static ReplayFilter filter(Set<String> types, Set<String> providers, Set<String> fields, Set<String> sources, Instant older, Instant newer, Set<String> ids) {
        return new ReplayFilter(types, providers, fields, sources, older, newer, ids);
    }

    @Test
    void everyGivenCriterionMustHoldAndMissingHeadersNeverMatchAWantedValue() {
        DlqMessage m = msg("provider_transient", "spotify", "bpm", "mixesdb", "2026-01-01T00:00:00Z", "id-1", "{}");
        assertThat(ReplayFilter.all().matches(m)).isTrue();
        assertThat(filter(Set.of("provider_transient"), Set.of("spotify", "deezer"), Set.of("bpm"), Set.of("mixesdb"), null, null, Set.of()).matches(m)).isTrue();
        assertThat(filter(Set.of("provider_transient"), Set.of("deezer"), Set.of(), Set.of(), null, null, Set.of()).matches(m)).isFalse();
        assertThat(filter(Set.of("validation"), Set.of(), Set.of(), Set.of(), null, null, Set.of()).matches(m)).isFalse();
        DlqMessage noProvider = msg("validation", null, null, null, null, "id-2", "{}");
        assertThat(filter(Set.of(), Set.of("spotify"), Set.of(), Set.of(), null, null, Set.of()).matches(noProvider)).isFalse();
        assertThat(filter(Set.of(), Set.of(), Set.of(), Set.of("mixesdb"), null, null, Set.of()).matches(noProvider)).isFalse();
    }

    @Test
    void timeBoundsUseFirstFailedAtElseTheAmqpTimestamp() {
        Instant cut = Instant.parse("2026-01-15T00:00:00Z");
        DlqMessage early = msg("timeout", null, null, null, "2026-01-01T00:00:00Z", "a", "{}");
        DlqMessage byTimestamp = msg("timeout", null, null, null, null, "b", "{}"); // timestamp 2026-02-01
        DlqMessage garbledHeader = msg("timeout", null, null, null, "yesterday", "c", "{}");
        ReplayFilter older = filter(Set.of(), Set.of(), Set.of(), Set.of(), cut, null, Set.of());
        ReplayFilter newer = filter(Set.of(), Set.of(), Set.of(), Set.of(), null, cut, Set.of());
        assertThat(older.matches(early)).isTrue();
        assertThat(newer.matches(early)).isFalse();
        assertThat(older.matches(byTimestamp)).isFalse();
        assertThat(newer.matches(byTimestamp)).isTrue();
        assertThat(newer.matches(garbledHeader)).isTrue();
    }

    @Test
    void idsUseTheMessageIdElseTheBody() {
        ReplayFilter ids = filter(Set.of(), Set.of(), Set.of(), Set.of(), null, null, Set.of("x1", "x2"));
        assertThat(ids.matches(msg("timeout", null, null, null, null, "x1", "{}"))).isTrue();
        assertThat(ids.matches(msg("timeout", null, null, null, null, null, "{\"id\":\"x2\",\"error_type\":\"timeout\"}"))).isTrue();
        assertThat(ids.matches(msg("timeout", null, null, null, null, null, "{\"id\":\"x3\",\"error_type\":\"timeout\"}"))).isFalse();
        assertThat(ids.matches(msg("timeout", null, null, null, null, null, "not json"))).isFalse();
    }

    @Test
    void describeNamesTheCriteria() {
        assertThat(ReplayFilter.all().describe()).isEqualTo("every message");
        assertThat(filter(Set.of("timeout"), Set.of(), Set.of("bpm"), Set.of(), null, null, Set.of("a")).describe())
                .contains("error_type in [timeout]").contains("field in [bpm]").contains("id in a list of 1");
    }
}

package io.songnodes.jobs.bronzetosilver.bad;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.RawBody;
import io.songnodes.bronze.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The generator and the validator agree on every message, so the ITCase's expectations are the validator's rules. */
class AdversarialBronzeTest {
    /** The seeds the ITCase uses, and one more. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {20261206L, 7, 8, 9, 42})
    void everyClassIsGeneratedAndEndsWhereItSays(long seed) {
        List<AdversarialBronze.Message> msgs = new AdversarialBronze(seed).generate(1_200);
        assertThat(msgs).extracting(AdversarialBronze.Message::cls).containsAll(AdversarialBronze.CLASSES);
        Set<String> keys = new HashSet<>();
        for (AdversarialBronze.Message m : msgs) {
            Validation v = BronzeValidator.validate(RawBody.of(m.body()));
            if (m.toSilver()) {
                assertThat(v.isValid()).as(m.cls() + ": " + v.reason() + " " + new String(m.body(), java.nio.charset.StandardCharsets.UTF_8)).isTrue();
                assertThat(keys.add(v.message().bronzeKey())).as("unique bronze key").isTrue();
                assertThat(v.message().bronzeKey().length()).isLessThan(700);
            } else {
                assertThat(v.reason()).as(m.cls()).contains(m.expect());
            }
        }
    }
}

package io.songnodes.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNamesTest {

    @ParameterizedTest(name = "''{0}'' = {1}")
    @CsvSource(delimiter = '|', value = {
            "C# Major|3B", "c# minor|12A", "Db major|3B", "F#m|11A", "8A|8A", "Gmin|6A",
            "A minor|8A", "Am|8A", "a|11B", "E♭ Major|5B", "A♭ Minor|1A", "G♯ min|1A", "Bb|6B", "bbm|3A", "Bm|10A",
            "B major|1B", "Cb major|1B", "E# minor|4A", "Ebm|2A", "D maj|10B", "F MINOR|4A", "f sharp minor|11A",
            "A flat major|4B", "12b|12B", "08A|8A", " 5A |5A", "1m|8A", "1d|8B", "6m|1A", "12d|7B", "Emin.|9A"})
    void parsesEveryProviderSpelling(String text, String camelot) {
        assertThat(KeyNames.parse(text)).map(CamelotKey::toString).contains(camelot);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "H minor", "13A", "C major 7", "unknown", "-1", "X#m"})
    void nonKeysAreEmpty(String text) {
        assertThat(KeyNames.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void requireNamesTheBadText() {
        assertThat(KeyNames.parse(null)).isEmpty();
        assertThatThrownBy(() -> KeyNames.require("H minor")).hasMessageContaining("'H minor'");
    }

    /** Every key object in the kit's recorded Beatport bodies: its name must parse to its own Camelot fields. */
    @org.junit.jupiter.api.Test
    void beatportKeyNamesAgreeWithTheirCamelotFields() throws Exception {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> keys = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(io.songnodes.testing.TeamKit.providers().resolve("beatport"))) {
            for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                io.songnodes.json.Json.MAPPER.readTree(f.toFile()).findParents("camelot_number").forEach(keys::add);
            }
        }
        assertThat(keys).isNotEmpty();
        for (com.fasterxml.jackson.databind.JsonNode k : keys) {
            CamelotKey expected = new CamelotKey(k.get("camelot_number").asInt(), k.get("camelot_letter").asText().charAt(0));
            assertThat(KeyNames.parse(k.get("name").asText())).as(k.get("name").asText()).contains(expected);
        }
    }
}

package io.songnodes.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputTextTest {
    @Test
    void cleanReplacesControlsCollapsesAndBoundsInBytes() {
        assertThat(InputText.clean("a\u0000\u0001\tb\n", 100)).isEqualTo("a b");
        assertThat(InputText.clean("x\ud800y", 100)).isEqualTo("x y");
        assertThat(InputText.clean("\ud83c\udfb5 ok", 100)).isEqualTo("\ud83c\udfb5 ok");
        assertThat(InputText.clean(" \u0000 ", 100)).isNull();
        assertThat(InputText.clean("ééé", 5)).isEqualTo("éé");
        assertThat(InputText.clean("a\ud83c\udfb5", 4)).isEqualTo("a");
        assertThat(InputText.utf8Length("a\u00e9\u20ac\ud83c\udfb5")).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void problemsNameWhatIsWrong() {
        assertThat(InputText.problem("ok\ttab", 10, true)).isNull();
        assertThat(InputText.problem("ok\ttab", 10, false)).isEqualTo("contains control character U+0009 at index 2");
        assertThat(InputText.problem("\u0085", 10, false)).startsWith("contains control character U+0085");
        assertThat(InputText.problem("a\u0000", 10, true)).isEqualTo("contains a NUL character at index 1");
        assertThat(InputText.problem("abcd", 3, true)).isEqualTo("is 4 bytes, over the limit of 3");
    }
}

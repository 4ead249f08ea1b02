package io.songnodes.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeValidator;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.testing.TracklistFixtures.Row;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrackIdentityTest {

    private static String id(String artist, String title) {
        return TrackIds.trackId(TrackIdentity.parse(artist, title));
    }

    @Test
    void originalAndExtendedMixAreTheSameSongButRemixesAreNot() {
        // cosmic_gate_example.csv row 03, and the contract's example of the same track
        assertThat(id("Cosmic Gate & Forêt", "Need To Feel Loved"))
                .isEqualTo(id("Cosmic Gate & Forêt", "Need To Feel Loved (Extended Mix)"))
                .isEqualTo(id("Cosmic Gate & Foret", "Need To Feel Loved (Original Mix)"))
                .isEqualTo(id("Forêt & Cosmic Gate", "Need to Feel Loved"));
        // justice_example.csv: "Randy" and "Randy (Boys Noize Remix)" are played back to back
        assertThat(id("Justice", "Randy")).isNotEqualTo(id("Justice", "Randy (Boys Noize Remix)"));
        // hardwell_example.csv row 14 and its w/ row
        assertThat(id("Hardwell ft. Craig David", "No Holding Back"))
                .isNotEqualTo(id("Hardwell ft. Craig David", "No Holding Back (Henry Fong Remix)"));
        assertThat(id("Hardwell", "Wake Up Call - Radio Edit")).isNotEqualTo(id("Hardwell", "Wake Up Call"));
    }

    @Test
    void featuredArtistsCountWhereverTheyAreWritten() {
        // cosmic_gate_example.csv row 05
        String fromArtist = id("Gabriel & Dresden ft. Sub Teal", "Only Road (Cosmic Gate Remix)");
        assertThat(id("Gabriel & Dresden", "Only Road (feat. Sub Teal) (Cosmic Gate Remix)")).isEqualTo(fromArtist);
        assertThat(id("Gabriel and Dresden featuring Sub Teal", "Only Road (Cosmic Gate Remix)")).isEqualTo(fromArtist);
        assertThat(id("Gabriel & Dresden", "Only Road ft. Sub Teal (Cosmic Gate Remix)")).isEqualTo(fromArtist);
        TrackIdentity parsed = TrackIdentity.parse("Gabriel & Dresden ft. Sub Teal", "Only Road (Cosmic Gate Remix)");
        assertThat(parsed.mainArtists()).containsExactly("gabriel", "dresden");
        assertThat(parsed.featuredArtists()).containsExactly("sub teal");
        assertThat(parsed.version()).isEqualTo("cosmic gate remix");
        assertThat(parsed.baseTitle()).isEqualTo("only road");
    }

    @Test
    void diacriticsPunctuationAndLeadingTheFold() {
        assertThat(id("The Prodigy", "Out Of Space")).isEqualTo(id("Prodigy", "Out of Space"));
        assertThat(id("Justice", "D.A.N.C.E.")).isEqualTo(id("JUSTICE", "DANCE"));
        assertThat(TextNormalizer.normalize("Cio D'Or – Magnetfluss")).isEqualTo("cio dor magnetfluss");
        assertThat(TextNormalizer.normalize("HÖR Berlin · Ørsted")).isEqualTo("hor berlin orsted");
        assertThat(id("W&W", "Jumper")).isNotEqualTo(id("W", "Jumper"));
    }

    @Test
    void mixesDbLabelSuffixIsNotPartOfTheSong() {
        TrackIdentity t = TrackIdentity.parse("Son.Sine", "A Candle [Delsin - dsr-c2]");
        assertThat(t.baseTitle()).isEqualTo("a candle");
        assertThat(t.labelSuffix()).isEqualTo("Delsin - dsr-c2");
        assertThat(t.version()).isNull();
        assertThat(id("Son.Sine", "A Candle [Delsin - dsr-c2]")).isEqualTo(id("Son.Sine", "A Candle"));
        // a bracketed version at the end is a version, not a label
        assertThat(TrackIdentity.parse("Dr. Dre ft. Snoop Dogg", "Still D.R.E. [W&W Festival Mix]").version()).isEqualTo("w and w festival mix");
    }

    @Test
    void mashupIsItsOwnSongAndNotOneOfItsParts() {
        // hardwell_example.csv row 02 and its parts
        TrackIdentity mashup = TrackIdentity.parse("Hardwell & W&W vs. Mightyfools vs. Zedd & Lucky Date",
                "Live The Night vs. Footrocker vs. Fall Into The Sky (Hardwell Mashup)");
        assertThat(mashup.isMashup()).isTrue();
        assertThat(mashup.mainArtists()).contains("hardwell", "w and w", "mightyfools", "zedd", "lucky date");
        String mashupId = TrackIds.trackId(mashup);
        assertThat(mashupId).isNotEqualTo(id("W&W & Hardwell & Lil Jon", "Live The Night"))
                .isNotEqualTo(id("Mightyfools", "Footrocker"))
                .isNotEqualTo(id("Zedd & Lucky Date ft. Ellie Goulding", "Fall Into The Sky"));
        assertThat(TrackIdentity.parse("Porter Robinson & Mat Zo vs. Daft Punk",
                "Easy vs. One More Time (Tristan Garner Unfinished Bootleg)").isMashup()).isTrue();
    }

    @Test
    void samePlayInTwoSetsGetsOneIdAndEveryRealRowGetsAnId() {
        List<Row> rows = TracklistFixtures.all1001();
        assertThat(rows).hasSize(14 + 56 + 32 - 3);
        Map<String, Long> justice = TracklistFixtures.load1001(TracklistFixtures.files1001().get(2)).stream()
                .map(r -> id(r.bronze().artist(), r.bronze().title()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // the Justice set plays D.A.N.C.E. three times and Love S.O.S. three times
        assertThat(justice.get(id("Justice", "D.A.N.C.E."))).isEqualTo(3L);
        assertThat(justice.get(id("Justice", "Love S.O.S."))).isEqualTo(3L);
        // the Cosmic Gate set plays "Out Of Space" inside a mashup and the Hardwell set does not: ids differ from the mashup
        for (Row r : rows) assertThat(BronzeValidator.validate(Json.write(r.bronze())).isValid()).as(r.bronze().toString()).isTrue();
    }

    @Test
    void unidentifiedRowsOfTheMixesDbSetAreExactlyTheQuestionMarkRows() {
        List<BronzeRecord> rows = TracklistFixtures.loadMixesDb();
        assertThat(rows).hasSize(165);
        Set<String> ids = new HashSet<>();
        int unidentified = 0;
        for (BronzeRecord r : rows) {
            var v = BronzeValidator.validate(Json.write(r));
            assertThat(v.isValid()).as(r.toString()).isTrue();
            if (v.message().unidentified()) {
                unidentified++;
                assertThat(v.message().trackId()).startsWith("unk_");
                assertThat(ids.add(v.message().trackId())).as("unidentified rows keep distinct ids").isTrue();
            }
        }
        // SOURCES.md: 18 "?" rows, plus "? [Danza Tribale]" twice and "Adiel - ? [Unreleased]"
        assertThat(unidentified).isEqualTo(21);
    }

    @Test
    void placeholderSpellingsAreUnidentified() {
        for (String[] at : new String[][] {{"ID", "ID"}, {"?", "?"}, {"Unknown Artist", "Untitled"}, {"ID", "Something"},
                {"Adiel", "ID"}, {"", "? [Danza Tribale]"}, {"Adiel", "? [Unreleased]"}, {"ID", "ID (Remix)"}}) {
            assertThat(TrackIds.isUnidentified(at[0], at[1], TrackIdentity.parse(at[0], at[1]))).as(String.join(" - ", at)).isTrue();
        }
        for (String[] at : new String[][] {{"DJ Plant Texture", "What Should I Do Next?"}, {"Adiel", "If Not Me, Who? [Unreleased]"},
                {"Idris Elba", "Private Garden"}, {"Tst 008", "Untitled"}}) {
            assertThat(TrackIds.isUnidentified(at[0], at[1], TrackIdentity.parse(at[0], at[1]))).as(String.join(" - ", at)).isFalse();
        }
    }
}

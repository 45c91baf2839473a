package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

import org.barometer.app.text.Language;
import org.barometer.app.text.LocalizedText;
import org.barometer.app.text.Rounding;
class CaptionWriterTest {
    static final LocalizedText PUBLIC_SECTOR = new LocalizedText("den offentlige sektor", "the public sector");


    private static final LocalizedText QUESTION = new LocalizedText(
            "I hvilken grad er teknologi en del af den seneste innovation?",
            "To what extent is technology part of the latest innovation?");
    private static final LocalizedText INNOVATORS = new LocalizedText(
            "arbejdspladser, der har indført mindst én innovation i 2018–2019",
            "workplaces that introduced at least one innovation in 2018–2019");
    private static final LocalizedText DONT_KNOW = new LocalizedText("Ved ikke", "Don't know");

    private static CaptionSpec figure1(Significance significance, long n) {
        return new CaptionSpec(null, QUESTION, INNOVATORS,
                List.of(new CaptionSpec.Excluded(DONT_KNOW, 0.052)), false, false, significance, PUBLIC_SECTOR, n);
    }

    @Test
    void englishCaptionReadsAsTheSeedDoes() {
        String caption = CaptionWriter.write(figure1(new Significance.NotTested(), 1877), Language.ENGLISH);
        assertThat(caption).isEqualTo(
                "The figure is based on the question \u201cTo what extent is technology part of the latest innovation?\u201d."
                        + " The question was asked of workplaces that introduced at least one innovation in 2018–2019."
                        + " Don't know (5 %) is not shown."
                        + " Data are weighted to represent the public sector."
                        + " n = 1,877.");
    }

    @Test
    void danishCaptionUsesDanishDigitGrouping() {
        String caption = CaptionWriter.write(figure1(new Significance.NotTested(), 1877), Language.DANISH);
        assertThat(caption)
                .contains("Figuren bygger på spørgsmålet »I hvilken grad er teknologi en del af den seneste innovation?«.")
                .contains("Spørgsmålet er stillet til arbejdspladser, der har indført mindst én innovation i 2018–2019.")
                .contains("Ved ikke (5 %) er ikke vist.")
                .contains("Data er vægtet til at repræsentere den offentlige sektor.")
                .endsWith("n = 1.877.");
    }

    @Test
    void overallTestResultGivesTheMatchingSentence() {
        assertThat(CaptionWriter.write(figure1(new Significance.Overall(true, 0.05), 10), Language.ENGLISH))
                .contains("The overall difference is significant at the 0.05 level.");
        assertThat(CaptionWriter.write(figure1(new Significance.Overall(false, 0.05), 10), Language.ENGLISH))
                .contains("No statistically significant overall difference is observed at the 0.05 level.")
                .doesNotContain("The overall difference is significant");
        assertThat(CaptionWriter.write(figure1(new Significance.Overall(true, 0.05), 10), Language.DANISH))
                .contains("Den samlede forskel er signifikant på 0,05-niveau.");
    }

    @Test
    void perItemTestsListTheItemsInBothGroups() {
        Significance perItem = new Significance.PerItem(
                List.of(new LocalizedText("Kvalitet", "Quality"), new LocalizedText("Effektivitet", "Efficiency"),
                        new LocalizedText("Medarbejdertilfredshed", "Employee satisfaction")),
                List.of(new LocalizedText("Borgerinddragelse", "Citizen involvement"),
                        new LocalizedText("Politiske mål", "Policy goals")),
                0.05);
        CaptionSpec spec = new CaptionSpec(null, QUESTION, INNOVATORS, List.of(), true, false, perItem, PUBLIC_SECTOR, 1877);
        String en = CaptionWriter.write(spec, Language.ENGLISH);
        assertThat(en)
                .contains("The difference is significant at the 0.05 level for quality, efficiency and employee satisfaction.")
                .contains("No statistically significant difference is observed for citizen involvement and policy goals at the 0.05 level.")
                .contains("more than one answer could be given");
        String da = CaptionWriter.write(spec, Language.DANISH);
        assertThat(da)
                .contains("Forskellen er signifikant på 0,05-niveau for kvalitet, effektivitet og medarbejdertilfredshed.")
                .contains("for borgerinddragelse og politiske mål på 0,05-niveau.");
    }

    @Test
    void severalExcludedAnswersAndRoundingNote() {
        CaptionSpec spec = new CaptionSpec(new LocalizedText("Figuren viser nysgerrighed", "The figure shows curiosity"),
                QUESTION, null,
                List.of(new CaptionSpec.Excluded(DONT_KNOW, 0.031),
                        new CaptionSpec.Excluded(new LocalizedText("Ikke relevant", "Not applicable"), 0.064)),
                false, true, new Significance.NotTested(), PUBLIC_SECTOR, 2271);
        List<String> en = CaptionWriter.sentences(spec, Language.ENGLISH);
        assertThat(en.getFirst()).isEqualTo("The figure shows curiosity.");
        assertThat(en).contains("Don't know (3 %) and Not applicable (6 %) are not shown.",
                "Shares do not add up to 100 because of rounding.", "n = 2,271.");
        assertThat(String.join(" ", en)).doesNotContain("was asked of");
        assertThat(CaptionWriter.sentences(spec, Language.DANISH))
                .contains("Ved ikke (3 %) og Ikke relevant (6 %) er ikke vist.", "n = 2.271.");
    }

    @Test
    void roundingCheckFindsSharesThatDoNotAddUp() {
        assertThat(Rounding.roundedSumDiffersFrom100(List.of(0.334, 0.333, 0.333), 0)).isTrue();
        assertThat(Rounding.roundedSumDiffersFrom100(List.of(0.10, 0.25, 0.34, 0.26, 0.05), 0)).isFalse();
        assertThat(Rounding.roundHalfUp(34.5, 0)).isEqualTo(35.0);
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws Exception {
        var en = new java.util.Properties();
        var da = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/i18n/portal_en.properties");
             var in2 = getClass().getResourceAsStream("/i18n/portal_da.properties")) {
            en.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            da.load(new java.io.InputStreamReader(in2, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(da.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    }
}

package org.barometer.forms.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.xlsform.XlsFormReader;
import org.barometer.forms.xlsform.XlsFormSamplesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module's texts in Danish and English: every key the code uses is in both bundles, Danish texts are Danish,
 * and problems render with their place words in either language.
 */
class FormTextsTest {

    /** A string literal that looks like a message key of this module. */
    private static final Pattern KEY_LITERAL = Pattern.compile(
            "\"((?:place|expr|xlsform|answer|option|form|cli)\\.[a-z0-9_.]+)\"");

    /** Words of English that no Danish sentence contains (outside quoted names and code). */
    private static final Set<String> ENGLISH_WORDS = Set.of("the", "is", "are", "was", "not", "no", "expected",
            "found", "but", "with", "has", "this", "which", "only", "must", "cannot", "of", "than", "and",
            "or", "a", "an", "in", "on", "if", "its", "be", "question", "answer", "sheet", "row", "column",
            "character", "enter", "choose", "file", "missing", "unknown", "without", "supported", "allowed",
            "name", "names", "text", "number", "there", "here", "more", "takes", "got", "while", "each");

    private static final Path MAIN = Path.of("src/main/java");

    /** Every key literal in the main sources. */
    static Set<String> keysUsedInCode() {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.add(FormText.LITERAL);
        return keys;
    }

    @Test
    void everyKeyTheCodeUsesIsInBothBundlesAndNoBundleHasAKeyNobodyUses() {
        Set<String> used = keysUsedInCode();
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(new TreeSet<>(FormTexts.keys("en"))).isEqualTo(used);
        assertThat(new TreeSet<>(FormTexts.keys("da"))).isEqualTo(used);
    }

    @Test
    void danishTextsDifferFromEnglishUnlessTheyAreOnlyPlaceholdersAndCode() {
        List<String> same = new ArrayList<>();
        for (String key : FormTexts.keys("en")) {
            String en = template(key, "en");
            String da = template(key, "da");
            if (en.equals(da) && !onlyPlaceholdersAndCode(en)) {
                same.add(key + "=" + en);
            }
        }
        assertThat(same).isEmpty();
    }

    @Test
    void danishTextsUseNoPlaceholderTheEnglishLacks() {
        Pattern placeholder = Pattern.compile("\\{(\\d+)}");
        for (String key : FormTexts.keys("en")) {
            Set<String> en = new TreeSet<>();
            placeholder.matcher(template(key, "en")).results().forEach(r -> en.add(r.group()));
            placeholder.matcher(template(key, "da")).results().forEach(r ->
                    assertThat(en).as(key).contains(r.group()));
        }
    }

    @Test
    void everyTextRenderedInDanishHasNoMissingKeyAndNoEnglishSentence() {
        for (String key : FormTexts.keys("da")) {
            String rendered = FormTexts.render(key, List.of("‹0›", "‹1›", "‹2›", "‹3›"), "da");
            assertThat(rendered).as(key).doesNotContain("??").doesNotContainPattern("\\{\\d+}");
            assertThat(englishWords(rendered)).as(key + ": " + rendered).isEmpty();
        }
    }

    @Test
    void theEnglishWordListFindsEnglish() {
        // The check above is only worth something if it flags the English texts themselves.
        long flagged = FormTexts.keys("en").stream().filter(key -> !englishWords(
                FormTexts.render(key, List.of("‹0›", "‹1›", "‹2›", "‹3›"), "en")).isEmpty()).count();
        assertThat(flagged).isGreaterThan(FormTexts.keys("en").size() * 3 / 4);
    }

    @Test
    void languagesAreRecognisedAsPeopleAndFormsNameThem() {
        for (String danish : List.of("da", "DA", "da-DK", "Dansk (da)", "dansk", "Danish")) {
            assertThat(FormTexts.locale(danish)).as(danish).isEqualTo(Locale.of("da"));
        }
        for (String english : List.of("en", "English (en)", "english", "fr", "")) {
            assertThat(FormTexts.locale(english)).as(english).isEqualTo(Locale.ENGLISH);
        }
        assertThat(FormTexts.locale(null)).isEqualTo(Locale.ENGLISH);
        assertThat(FormText.of("answer.required").render("fr")).isEqualTo("This question must be answered.");
        assertThat(FormText.of("answer.required").render("Dansk (da)")).isEqualTo("Spørgsmålet skal besvares.");
    }

    @Test
    void nestedTextsRenderInTheSameLanguageAndLiteralsAsWritten() {
        FormText nested = FormText.of("xlsform.unsupported_type", "geopoint", FormText.of("xlsform.why.gps"));
        assertThat(nested.render("en")).isEqualTo("unsupported type 'geopoint': GPS and map questions are not "
                + "supported (they need the device's position or a map)");
        assertThat(nested.render("da")).isEqualTo("typen 'geopoint' understøttes ikke: GPS- og kortspørgsmål "
                + "understøttes ikke (de kræver enhedens position eller et kort)");
        assertThat(FormText.literal("as {0} written").render("da")).isEqualTo("as {0} written");
        assertThat(FormText.of("no.such.key").render("da")).isEqualTo("??no.such.key??");
    }

    @Test
    void aProblemNamesItsPlaceInTheReadersLanguage() {
        FormProblem p = problems("bad_calc.xlsx").getFirst();
        assertThat(p.toString()).startsWith("bad_calc.xlsx, sheet survey, row 2, column D (calculation), character ")
                .contains("is not a valid expression: unterminated text");
        assertThat(p.toString("da")).startsWith("bad_calc.xlsx, ark survey, række 2, kolonne D (calculation), tegn ")
                .contains("er ikke et gyldigt udtryk: uafsluttet tekst");
        assertThat(p.message()).isEqualTo(p.message("en"));
        assertThat(new FormProblem(null, null, null, null, null, null, "x").toString("da")).isEqualTo("skema: x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_calc.xlsx", "duplicate_columns.xlsx", "case_insensitivity.xlsx",
        "xlsform_spec_test.xlsx"})
    void everyProblemOfARefusedSampleIsWordedInDanish(String sample) {
        for (FormProblem p : problems(sample)) {
            String da = p.toString("da");
            assertThat(da).doesNotContain("??").isNotEqualTo(p.toString());
            assertThat(englishWords(withoutQuotes(p.message("da")))).as(da).isEmpty();
        }
    }

    private static List<FormProblem> problems(String sample) {
        try {
            XlsFormReader.read(XlsFormSamplesTest.sampleBytes(sample), sample);
        } catch (FormException e) {
            return e.problems();
        }
        throw new AssertionError(sample + " should be refused");
    }

    // ---------------------------------------------------------------- helpers

    private static String template(String key, String language) {
        // A template is its rendering with the placeholders given back as arguments.
        return FormTexts.render(key, List.of("{0}", "{1}", "{2}", "{3}"), language);
    }

    private static boolean onlyPlaceholdersAndCode(String text) {
        return withoutQuotes(text).replaceAll("\\{\\d+}", "").replaceAll("[\\p{Punct}\\s]", "").isEmpty();
    }

    /** The text without quoted names and source ('…'), references and calls (${x}, f()), loop placeholders and XLSForm names. */
    private static String withoutQuotes(String text) {
        return text.replaceAll("'[^']*'", " ").replaceAll("\\$\\{[^}]*}", " ")
                .replaceAll("%\\([a-z]+\\)s", " ")
                .replaceAll("[A-Za-z_-]+\\(\\)", " ").replaceAll("\\b[a-z]+_[a-z_]+\\b", " ");
    }

    private static List<String> englishWords(String text) {
        List<String> found = new ArrayList<>();
        for (String word : withoutQuotes(text).toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (ENGLISH_WORDS.contains(word)) {
                found.add(word);
            }
        }
        return found;
    }
}

package org.barometer.forms.codebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.barometer.forms.codebook.Codebook.Variable;
import org.barometer.forms.innovation.InnovationBarometerForm;
import org.barometer.forms.model.Form;
import org.junit.jupiter.api.Test;

/** The codebook: labels, value labels and routing in words, in Danish and English. */
class CodebookTest {
    static final Form FORM = InnovationBarometerForm.form();

    static Variable variable(Codebook codebook, String name) {
        return codebook.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void routingReadsInWordsWithQuestionAndChoiceLabels() {
        Codebook en = Codebook.of(FORM, "en");
        assertThat(en.language()).isEqualTo("English (en)");
        assertThat(variable(en, "tech_new").routing()).isEqualTo(
                "asked if the workplace introduced at least one innovation in 2018–2019 and ('To what extent is "
                        + "technology part of the…' is 'Itself a technological solution' or 'An important part')");
        assertThat(variable(en, "tech_role").routing())
                .isEqualTo("asked if the workplace introduced at least one innovation in 2018–2019");
        assertThat(variable(en, "cult_curious").routing()).isEqualTo("asked of everyone");
        assertThat(variable(en, "underway").routing())
                .isEqualTo("asked if not (the workplace introduced at least one innovation in 2018–2019)");
        assertThat(variable(en, "underway_type").routing()).endsWith(
                "and 'Is the workplace currently developing or…' is 'Yes'");
    }

    @Test
    void theDanishCodebookIsInDanish() {
        Codebook da = Codebook.of(FORM, "da");
        assertThat(da.language()).isEqualTo("Dansk (da)");
        assertThat(variable(da, "tech_new").routing()).isEqualTo(
                "stilles hvis arbejdspladsen indførte mindst én innovation i 2018–2019 og ('I hvilken grad er "
                        + "teknologi en del af den…' er 'Innovationen er i sig selv en teknologisk løsning' eller "
                        + "'Teknologi er en vigtig del af innovationen')");
        assertThat(variable(da, "cult_curious").routing()).isEqualTo("stilles til alle");
        assertThat(variable(da, "cult_curious").values()).extracting(Codebook.ValueLabel::label)
                .startsWith("Helt enig", "Delvis enig");
        assertThat(da.toText()).startsWith("Kodebog: ");
    }

    @Test
    void everyVariableIsListedWithItsValuesAndOrOtherTextFollowsItsQuestion() {
        Codebook en = Codebook.of(FORM, "en");
        assertThat(en.variables()).extracting(Variable::name).doesNotContain("filter_intro", "culture_intro")
                .containsSubsequence("values", "values_other", "emp_promoted")
                .contains("innovator", "tech_class", "size_group");
        Variable values = variable(en, "values");
        assertThat(values.type()).isEqualTo("select_multiple value or_other");
        assertThat(values.values()).last().isEqualTo(new Codebook.ValueLabel("other", "Other"));
        assertThat(variable(en, "values_other").routing()).endsWith("'What value has the latest innovation created?' "
                + "includes 'Other'");
        assertThat(variable(en, "tech_class").calculation()).startsWith("computed as ('new' if 'Is the technology");
        assertThat(variable(en, "latest_year").required()).isTrue();
        assertThat(variable(en, "comments").required()).isFalse();
    }

    @Test
    void markdownAndJsonCarryTheSameVariables() throws Exception {
        Codebook en = Codebook.of(FORM, "en");
        String markdown = en.toMarkdown();
        assertThat(markdown).contains("| Variable | Label | Type | Values | Routing |")
                .contains("| `tech_role` | To what extent is technology part of the latest innovation? |");
        JsonNode json = new ObjectMapper().readTree(en.toJson());
        assertThat(json.get("variables")).hasSize(en.variables().size());
        assertThat(json.get("variables").get(0).get("name").asText()).isEqualTo("inno_service");
    }

    @Test
    void anUnknownLanguageIsRefusedNamingTheFormsLanguages() {
        assertThatThrownBy(() -> Codebook.of(FORM, "fr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fr'").hasMessageContaining("Dansk (da)");
    }

    /** A form with every new kind of variable, in Danish and English. */
    static Form newTypes() throws org.barometer.forms.FormException {
        java.util.Map<String, String[][]> sheets = new java.util.LinkedHashMap<>();
        sheets.put("survey", new String[][] {
            {"type", "name", "label::English (en)", "label::Dansk (da)", "parameters", "repeat_count"},
            {"start", "started", null, null, null, null},
            {"integer", "n", "Sites", "Steder", null, null},
            {"begin repeat", "sites", "Site", "Sted", null, "${n}"},
            {"range", "rating", "Rating", "Vurdering", "start=0 end=10 step=2", null},
            {"rank ab", "order", "Order", "Rækkefølge", null, null},
            {"end repeat", null, null, null, null, null},
            {"select_one ab", "pick", "Pick", "Vælg", "randomize=true", null},
            {"time", "opens", "Opens", "Åbner", null, null}});
        sheets.put("choices", new String[][] {{"list_name", "name", "label::English (en)", "label::Dansk (da)"},
            {"ab", "a", "A", "A"}, {"ab", "b", "B", "B"}});
        return org.barometer.forms.xlsform.XlsFormReader.read(
                org.barometer.forms.xlsform.Workbooks.xlsx(sheets), "new.xlsx");
    }

    @Test
    void theCodebookKnowsRepeatsAndEveryNewType() throws org.barometer.forms.FormException {
        Codebook en = Codebook.of(newTypes(), "en");
        assertThat(variable(en, "started").type()).isEqualTo("start");
        assertThat(variable(en, "started").notes()).containsExactly(
                "recorded, not asked: when the questionnaire was first opened");
        assertThat(variable(en, "rating").repeat()).isEqualTo("sites");
        assertThat(variable(en, "rating").type()).isEqualTo("range");
        assertThat(variable(en, "rating").notes()).containsExactly("a number from 0 to 10 in steps of 2");
        assertThat(variable(en, "order").type()).isEqualTo("rank ab");
        assertThat(variable(en, "order").values()).extracting(Codebook.ValueLabel::code).containsExactly("a", "b");
        assertThat(variable(en, "pick").notes()).containsExactly(
                "options shown in an order drawn per respondent (stored with the response)");
        assertThat(variable(en, "pick").repeat()).isNull();
        assertThat(variable(en, "opens").notes()).containsExactly("a time of day, HH:MM");
        assertThat(en.repeats()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("sites");
            assertThat(r.count()).isEqualTo("as many instances as 'Sites'");
        });
        assertThat(en.toText()).contains("  In repeat 'sites' (one value per instance)\n")
                .contains("\nRepeat sites  Site\n  As many instances as 'Sites'\n");
        assertThat(en.toMarkdown()).contains("in repeat `sites` (one value per instance)");
        Codebook da = Codebook.of(newTypes(), "da");
        assertThat(variable(da, "rating").notes()).containsExactly("et tal fra 0 til 10 i trin på 2");
        assertThat(da.toText()).contains("I gentagelsen 'sites' (en værdi pr. gentagelse)")
                .contains("Gentagelse sites  Sted");
    }
}

package org.barometer.forms.xlsform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.FormJson;
import org.junit.jupiter.api.Test;

/** A form with every feature is written and read back equal, as a ZIP package and as JSON. */
class RoundTripTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    static FormPackage everything() throws FormException {
        Map<String, String[][]> sheets = new LinkedHashMap<>();
        sheets.put("survey", new String[][] {
            {"type", "name", "label::English (en)", "label::Dansk (da)", "hint::English (en)", "required",
                "relevant", "constraint", "calculation", "appearance", "parameters", "repeat_count", "trigger",
                "image", "image_alt::English (en)", "image_alt::Dansk (da)", "default"},
            {"start", "started"},
            {"today", "day"},
            {"hidden", "workplace", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, "W-1"},
            {"integer", "n", "How many sites?", "Hvor mange steder?", "0 to 20", "yes", null, ". <= 20"},
            {"begin repeat", "sites", "Site", "Sted", null, null, "${n} > 0", null, null, null, null, "${n}"},
            {"text", "site_name", "Name", "Navn", null, "yes"},
            {"calculate", "site_no", null, null, null, null, null, null, "position(..)"},
            {"begin repeat", "visits", "Visit", "Besøg"},
            {"datetime", "visit_at", "When", "Hvornår"},
            {"end repeat"},
            {"end repeat"},
            {"select_multiple kinds", "kinds", "Kinds", "Slags", null, null, null, null, null, "search", 
                "randomize=true"},
            {"begin loop over kinds", "per_kind"},
            {"range", "score", "Score for %(label)s", "Point for %(label)s", null, null,
                "selected(${kinds}, '%(name)s')", null, null, null, "start=0 end=4 step=1"},
            {"end loop"},
            {"rank kinds", "ranked", "Rank", "Rangordn", null, null, null, null, null, null, null, null, null,
                "rank.png", "Kinds in a row", "Slags i en række"},
            {"begin group", "grid", "Grid", "Gitter", null, null, null, null, null, "table-list"},
            {"select_one yn", "g1", "G1", "G1"}, {"select_one yn", "g2", "G2", "G2"},
            {"end group"},
            {"select_one_from_file fruits.csv", "fruit", "Fruit", "Frugt"},
            {"select_one_external town", "town", "Town", "By"},
            {"time", "opens", "Opens", "Åbner"},
            {"calculate", "opened_at", null, null, null, null, null, null, "now()", null, null, null, "${opens}"},
            {"calculate", "price", null, null, null, null, null, null, "pulldata('fruits', 'price', 'name', ${fruit})"},
            {"phone number", "phone", "Phone", "Telefon"},
            {"end", "ended"}});
        sheets.put("choices", new String[][] {
            {"list_name", "name", "label::English (en)", "label::Dansk (da)", "image", "image_alt::English (en)",
                "image_alt::Dansk (da)"},
            {"kinds", "a", "apples", "æbler", "a.png", "Apples", "Æbler"}, {"kinds", "b", "pears", "pærer"},
            {"yn", "yes", "Yes", "Ja"}, {"yn", "no", "No", "Nej"}});
        sheets.put("external_choices", new String[][] {{"list_name", "name", "label", "region"},
            {"town", "aarhus", "Aarhus", "mid"}, {"town", "odense", "Odense", "south"}});
        sheets.put("settings", new String[][] {{"form_title", "form_id", "version", "default_language"},
            {"Everything", "everything", "3", "English (en)"}});
        byte[] zip = Workbooks.zip(Map.of("everything.xlsx", Workbooks.xlsx(sheets), "rank.png", PNG, "a.png", PNG,
                "fruits.csv", "name,label,label::Dansk (da),price\nmango,Mango,Mango,12\n"
                        .getBytes(StandardCharsets.UTF_8)));
        return XlsFormReader.readPackage(zip, "everything.zip");
    }

    @Test
    void everyFeatureSurvivesAZipAndAJsonRoundTrip() throws FormException {
        FormPackage read = everything();
        Form form = read.form();
        assertThat(form.repeats()).extracting(r -> r.name()).containsExactly("sites", "visits", "per_kind");
        Map<String, byte[]> pictures = Map.of("rank.png", PNG, "a.png", PNG);
        FormPackage again = XlsFormReader.readPackage(XlsFormWriter.writePackage(form, pictures), "again.zip");
        assertThat(again.form()).isEqualTo(form);
        assertThat(FormJson.read(FormJson.write(form))).isEqualTo(form);
    }
}

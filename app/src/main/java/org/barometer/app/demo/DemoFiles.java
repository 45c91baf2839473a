package org.barometer.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.barometer.app.edition.QuestionnaireCheck;
import org.barometer.app.edition.QuestionnaireStore;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionForms;
import org.barometer.app.publish.spec.EditionReader;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.forms.model.Form;

/**
 * The demo edition's own files, as an office would keep them and upload them: the questionnaire (the Innovation
 * Barometer 2018–19 XLSForm in Danish and English) and the edition files (edition.json and the figure files it
 * lists) and its texts for respondents ({@code texts.json}: the survey's title, sender, mails and thank-you page in
 * both languages, as an office sets them on the texts page), all under {@code org/barometer/app/demo/2019} on the
 * class path.
 */
public final class DemoFiles {
    private static final String FOLDER = "/org/barometer/app/demo/2019";
    /** The questionnaire's file name, as uploaded. */
    public static final String QUESTIONNAIRE = "innovation-barometer-2019.xlsx";
    /** The name the edition files are uploaded under. */
    public static final String EDITION_FILES = "innovation-barometer-2019-demo.zip";

    private static volatile Form form;

    private DemoFiles() {
    }

    /** The questionnaire file. */
    public static byte[] questionnaire() {
        return bytes(QUESTIONNAIRE);
    }

    /** The questionnaire, read and checked as an upload is (once per JVM). */
    public static Form form() {
        Form f = form;
        if (f == null) {
            QuestionnaireCheck check = QuestionnaireCheck.of(QUESTIONNAIRE, questionnaire());
            if (!check.ok()) {
                throw new IllegalStateException("The demo questionnaire has problems: " + check.problems());
            }
            f = check.form();
            form = f;
        }
        return f;
    }

    /** Resolves an edition's {@code "form"} to the demo questionnaire, as an upload of it resolves it. */
    public static Function<String, Form> forms() {
        return EditionForms.resolver(QUESTIONNAIRE, form());
    }

    /** The demo's own texts for respondents, each checked as the texts page checks what an office types. */
    public static SurveyTexts texts() {
        SurveyTexts texts = SurveyTexts.defaults();
        try {
            for (var e : new ObjectMapper().readTree(text("texts.json")).properties()) {
                SurveyText slot = SurveyText.ofCode(e.getKey())
                        .orElseThrow(() -> new IllegalStateException("texts.json: no text " + e.getKey()));
                for (var byLanguage : e.getValue().properties()) {
                    String value = byLanguage.getValue().asText();
                    if (!slot.problems(value).isEmpty()) {
                        throw new IllegalStateException("texts.json: " + e.getKey() + " " + slot.problems(value));
                    }
                    texts = texts.with(slot, byLanguage.getKey(), value);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("The demo edition's texts.json does not read: " + e.getMessage(), e);
        }
        return texts;
    }

    /** The edition files by path: edition.json and the figure files it lists. */
    public static Map<String, String> editionFiles() {
        return editionFiles(DemoVintage.CURRENT);
    }

    /**
     * The edition files of an edition of the demo's series: the 2018–19 edition's files, its id and the period
     * its texts name made the edition's own (every edition asks the same questionnaire), and for an edition whose
     * shares are synthetic a sentence saying so in the portal's lead.
     */
    public static Map<String, String> editionFiles(DemoVintage vintage) {
        Map<String, String> files = new LinkedHashMap<>();
        String edition = ofVintage(text("edition.json"), vintage);
        if (vintage.synthetic()) {
            edition = edition.replace("vist med 95 %-konfidensintervaller.",
                    "vist med 95 %-konfidensintervaller. Denne udgaves andele er opdigtede: den viser kun, hvordan en serie ser ud.")
                    .replace("shown with 95 % confidence intervals.",
                    "shown with 95 % confidence intervals. This edition's shares are made up: it only shows what a series looks like.");
        }
        if (!vintage.id().equals(DemoVintage.CURRENT.id())) {
            edition = withoutSelfTest(edition);
        }
        files.put("edition.json", edition);
        try {
            for (JsonNode figure : new ObjectMapper().readTree(edition).path("figures")) {
                files.put(figure.asText(), ofVintage(text(figure.asText()), vintage));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The demo edition's edition.json does not read: " + e.getMessage(), e);
        }
        return files;
    }

    /** The demo offers its self-test on the 2018–19 edition only: the other editions' files leave it out. */
    private static String withoutSelfTest(String edition) {
        try {
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(edition);
            root.remove("selfTest");
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("The demo edition's edition.json does not read: " + e.getMessage(), e);
        }
    }

    /**
     * The edition files read and checked against the questionnaire, as an upload is for the edition once its
     * technology question is coded ({@link DemoCoding}).
     */
    public static EditionSpec edition() throws EditionException {
        return read(editionFiles());
    }

    /**
     * Edition files read against the demo questionnaire, as an upload to a demo edition whose technology question is
     * coded reads them (its coded variable known).
     */
    public static EditionSpec read(Map<String, String> files) throws EditionException {
        return read(files, org.barometer.app.analysis.WeightingSettings.FRAME_VARIABLES);
    }

    /** As {@link #read(Map)}, for an edition whose register has the given frame variables. */
    public static EditionSpec read(Map<String, String> files, List<String> frameVariables) throws EditionException {
        return EditionReader.read(files, forms(), frameVariables, List.of(DemoCoding.variable()));
    }

    /** A file of the 2018–19 edition as the vintage's: its id and the period it names. */
    private static String ofVintage(String file, DemoVintage vintage) {
        return file.replace("\"id\": \"2019\"", "\"id\": \"" + vintage.id() + "\"")
                .replace("2018–2019", vintage.period());
    }

    private static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String path) {
        try (InputStream in = DemoFiles.class.getResourceAsStream(FOLDER + "/" + path)) {
            if (in == null) {
                throw new IllegalStateException("The demo edition has no file " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.barometer.app.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.barometer.app.edition.Questionnaires;
import org.barometer.forms.FormException;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.XlsFormReader;
import org.jdbi.v3.core.Jdbi;

/**
 * The questionnaires an edition's {@code "form"} may name: the questionnaire uploaded for the edition, by the form
 * id its XLSForm settings give, else one built into the forms module. Each is read once.
 */
public final class EditionForms {

    private static final Map<String, String> RESOURCES = Map.of(
            "innovation-barometer-2019", "/org/barometer/forms/innovation-barometer-2019.xlsx");
    private static final Map<String, Form> CACHE = new ConcurrentHashMap<>();
    /**
     * Uploaded questionnaires by the SHA-256 of their file and its name (which gives the form id when the settings
     * do not): the same file is the same form in any database, where a version's id is not.
     */
    private static final Map<String, Form> UPLOADED = new ConcurrentHashMap<>();

    private EditionForms() {
    }

    /** The built-in questionnaire of that name, or null when there is none. */
    public static Form byName(String name) {
        String resource = RESOURCES.get(name);
        if (resource == null) {
            return null;
        }
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Form.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Questionnaire resource missing: " + resource);
                }
                return XlsFormReader.read(in, resource.substring(resource.lastIndexOf('/') + 1));
            } catch (IOException | FormException e) {
                throw new IllegalStateException("Cannot read the questionnaire " + resource + ": " + e.getMessage(), e);
            }
        });
    }

    /** Resolves names against the edition's current questionnaire, then the built-in ones. */
    public static Function<String, Form> forEdition(Jdbi jdbi, long editionId) {
        Long questionnaireId = jdbi.withHandle(h -> h.createQuery("select questionnaire_id from edition where id = :e")
                .bind("e", editionId).mapTo(Long.class).findOne().orElse(null));
        return forQuestionnaire(jdbi, questionnaireId);
    }

    /** Resolves names against a stored questionnaire version (none when null), then the built-in ones. */
    public static Function<String, Form> forQuestionnaire(Jdbi jdbi, Long questionnaireId) {
        Form uploaded = questionnaireId == null ? null : uploaded(jdbi, questionnaireId);
        return name -> uploaded != null && uploaded.id().equals(name) ? uploaded : byName(name);
    }

    private static Form uploaded(Jdbi jdbi, long questionnaireId) {
        Questionnaires questionnaires = new Questionnaires(jdbi);
        Questionnaires.Questionnaire q = questionnaires.find(questionnaireId).orElseThrow();
        return UPLOADED.computeIfAbsent(q.sha256() + " " + q.fileName(),
                key -> read(q.fileName(), questionnaires.content(questionnaireId).orElseThrow()));
    }

    private static Form read(String fileName, byte[] xlsx) {
        Questionnaires.Check check = Questionnaires.check(fileName, xlsx);
        if (!check.ok()) {
            // It was checked when it was uploaded: failing now means the stored file is damaged.
            throw new IllegalStateException("The stored questionnaire " + fileName + " no longer reads: "
                    + check.problems().getFirst());
        }
        return check.form();
    }
}

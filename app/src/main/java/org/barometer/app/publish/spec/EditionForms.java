package org.barometer.app.publish.spec;

import java.util.function.Function;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.edition.FormCache;
import org.barometer.app.edition.QuestionnaireCheck;
import org.barometer.app.edition.QuestionnaireStore;
import org.barometer.forms.model.Form;
import org.jdbi.v3.core.Jdbi;

/**
 * The questionnaire an edition's {@code "form"} may name: the questionnaire uploaded for the edition, by the form
 * id its XLSForm settings give (read through the {@link FormCache}).
 */
public final class EditionForms {

    private EditionForms() {
    }

    /** Resolves names against the edition's current questionnaire. */
    public static Function<String, Form> forEdition(Jdbi jdbi, long editionId) {
        Long questionnaireId = new EditionStore(jdbi).find(editionId).map(Edition::questionnaireId).orElse(null);
        return forQuestionnaire(jdbi, questionnaireId);
    }

    /**
     * Resolves names against a stored questionnaire version (none when null): its form id names it, and so does
     * its file name without the {@code .xlsx}.
     */
    public static Function<String, Form> forQuestionnaire(Jdbi jdbi, Long questionnaireId) {
        if (questionnaireId == null) {
            return name -> null;
        }
        return forQuestionnaire(jdbi, new QuestionnaireStore(jdbi).find(questionnaireId).orElseThrow());
    }

    /** As {@link #forQuestionnaire(Jdbi, Long)}, for a questionnaire already read (null: none). */
    public static Function<String, Form> forQuestionnaire(Jdbi jdbi, QuestionnaireStore.Questionnaire q) {
        if (q == null) {
            return name -> null;
        }
        return resolver(q.fileName(), new FormCache(jdbi).form(q));
    }

    /** Resolves the names of one questionnaire: its form id, and its file name without the {@code .xlsx}. */
    public static Function<String, Form> resolver(String fileName, Form form) {
        String base = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")
                ? fileName.substring(0, fileName.length() - ".xlsx".length()) : fileName;
        return name -> name.equals(form.id()) || name.equals(base) ? form : null;
    }
}

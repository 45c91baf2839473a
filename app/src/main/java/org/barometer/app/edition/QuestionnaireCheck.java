package org.barometer.app.edition;

import java.util.List;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.XlsFormReader;

/**
 * The outcome of checking a questionnaire file at the door: the form, or its problems with their places.
 *
 * @param form     the questionnaire, null when the file has problems
 * @param problems every problem found, with its sheet, row, column and position
 */
public record QuestionnaireCheck(Form form, List<FormProblem> problems) {

    public QuestionnaireCheck {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return form != null;
    }

    /** Reads an XLSForm with the forms reader. */
    public static QuestionnaireCheck of(String fileName, byte[] xlsx) {
        try {
            return new QuestionnaireCheck(XlsFormReader.read(xlsx, fileName), List.of());
        } catch (FormException e) {
            return new QuestionnaireCheck(null, e.problems());
        } catch (RuntimeException e) {
            return new QuestionnaireCheck(null, List.of(new FormProblem(fileName, null, null, null, null, null,
                    FormText.of("xlsform.not_a_workbook", e.getClass().getSimpleName()))));
        }
    }
}

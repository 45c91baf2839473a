package org.barometer.app.edition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.data.ExternalData;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.FormPackage;
import org.barometer.forms.xlsform.XlsFormReader;

/**
 * The outcome of checking a questionnaire file at the door: the form, or its problems with their places.
 *
 * @param form     the questionnaire, null when the file has problems
 * @param problems every problem found, with its sheet, row, column and position
 * @param pictures the pictures the form shows, by file name, as they came in its ZIP
 * @param tables   what {@code pulldata()} reads: the CSV files of its ZIP
 */
public record QuestionnaireCheck(Form form, List<FormProblem> problems, Map<String, byte[]> pictures,
                                 ExternalData tables) {

    public QuestionnaireCheck {
        problems = List.copyOf(problems);
        pictures = Map.copyOf(pictures);
    }

    public boolean ok() {
        return form != null;
    }

    /** Reads an XLSForm (the bare workbook, or a ZIP of it with its pictures and CSV files) with the forms reader. */
    public static QuestionnaireCheck of(String fileName, byte[] upload) {
        try {
            FormPackage read = XlsFormReader.readPackage(upload, fileName);
            Map<String, byte[]> pictures = new HashMap<>();
            for (String file : read.form().mediaFiles()) {
                byte[] bytes = read.files().get(file);
                if (bytes != null) {
                    pictures.put(file, bytes);
                }
            }
            return new QuestionnaireCheck(read.form(), List.of(), pictures, read.externalData());
        } catch (FormException e) {
            return new QuestionnaireCheck(null, e.problems(), Map.of(), ExternalData.NONE);
        } catch (RuntimeException e) {
            return new QuestionnaireCheck(null, List.of(new FormProblem(fileName, null, null, null, null, null,
                    FormText.of("xlsform.not_a_workbook", e.getClass().getSimpleName()))), Map.of(), ExternalData.NONE);
        }
    }
}

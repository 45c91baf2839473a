package org.barometer.app.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.forms.FormException;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.XlsFormReader;

/** The questionnaires an edition may name, read once from the forms module's resources. */
public final class EditionForms {

    private static final Map<String, String> RESOURCES = Map.of(
            "innovation-barometer-2019", "/org/barometer/forms/innovation-barometer-2019.xlsx");
    private static final Map<String, Form> CACHE = new ConcurrentHashMap<>();

    private EditionForms() {
    }

    /** The questionnaire of that name, or null when there is none. */
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
}

package org.barometer.forms.xlsform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.forms.FormProblem;
import org.barometer.forms.data.ExternalData;
import org.barometer.forms.data.Table;
import org.barometer.forms.model.Form;

/**
 * A questionnaire as uploaded and checked: the form, the files that came with it in its ZIP (pictures, CSV files),
 * the CSV files read as tables, and the warnings that did not refuse it (a sheet name that looks misspelled).
 *
 * @param files    every file beside the workbook, by name (pictures for labels and choices among them)
 * @param tables   the CSV files, read; {@code pulldata()} finds them by name without {@code .csv}
 * @param warnings what the reader noticed without refusing the form, each with its place
 */
public record FormPackage(Form form, Map<String, byte[]> files, List<Table> tables, List<FormProblem> warnings) {
    public FormPackage {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }

    /** A file that came with the form, such as a picture a label shows. */
    public Optional<byte[]> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The form's CSV files as the pre-fill source of {@code pulldata()}; chain the server's own tables before it. */
    public ExternalData externalData() {
        return ExternalData.of(tables);
    }
}

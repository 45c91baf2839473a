package org.barometer.forms.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.codebook.Codebook;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.i18n.FormTexts;
import org.barometer.forms.model.Form;
import org.barometer.forms.xlsform.FormPackage;
import org.barometer.forms.xlsform.XlsFormReader;

/**
 * {@code barometer form check FORM.xlsx [--lang da]} and {@code barometer form codebook FORM.xlsx [--lang da]
 * [--format text|json|markdown]}. Exit codes: 0 fine, 1 the form has problems, 2 the command line is wrong.
 * Problems are printed in English unless {@code --lang} asks for Danish.
 */
public final class FormCommand {
    private static final String USAGE = """
            Usage: barometer form check FORM.xlsx|FORM.zip [--lang en|da]
                   barometer form codebook FORM.xlsx|FORM.zip [--lang LANGUAGE] [--format text|json|markdown]
              FORM is the XLSForm workbook, or a ZIP of it with the pictures and CSV files it uses
              check     reads the XLSForm and prints every problem with its place (in English, or in Danish
                        with --lang da); exits 1 if there is any
              codebook  prints every variable with its label, type, values and routing in words, in the
                        language given (a form language or its code, e.g. da) or else in each of the form's
                        languages
            """;

    private FormCommand() {}

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        return run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }

    /** Runs the command, printing to the given streams, and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !(args[0].equals("check") || args[0].equals("codebook"))) {
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(args[1]);
        String language = null;
        String format = "text";
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if ((option.equals("--lang") || option.equals("--format") && args[0].equals("codebook"))
                    && i + 1 < args.length) {
                if (option.equals("--lang")) {
                    language = args[++i];
                } else {
                    format = args[++i];
                }
            } else {
                err.println("form: unexpected argument '" + option + "'");
                err.print(USAGE);
                return 2;
            }
        }
        if (args[0].equals("check") && language != null && !List.of("en", "da").contains(language)) {
            err.println("form: check prints its problems in en or da, not '" + language + "'");
            return 2;
        }
        if (!List.of("text", "json", "markdown").contains(format)) {
            err.println("form: unknown format '" + format + "' (text, json or markdown)");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            err.println("form: no such file: " + file);
            return 2;
        }
        Form form;
        FormPackage read;
        try {
            read = XlsFormReader.readPackage(file);
            form = read.form();
        } catch (FormException e) {
            for (FormProblem problem : e.problems()) {
                out.println(problem.toString(args[0].equals("check") ? language : FormTexts.ENGLISH));
            }
            err.println(file.getFileName() + ": " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems"));
            return 1;
        }
        String problemLanguage = args[0].equals("check") && language != null ? language : FormTexts.ENGLISH;
        for (FormProblem warning : read.warnings()) {
            out.println(FormText.of("cli.warning", warning.toString(problemLanguage)).render(problemLanguage));
        }
        if (args[0].equals("check")) {
            AnswerEngine engine = AnswerEngine.of(form);
            int repeats = form.repeats().size();
            out.println(file.getFileName() + ": no problems; " + form.questions().size() + " questions on "
                    + engine.pages().size() + " pages, " + form.choiceLists().size() + " choice lists"
                    + (repeats == 0 ? "" : ", " + repeats + (repeats == 1 ? " repeat" : " repeats"))
                    + (read.files().isEmpty() ? "" : ", " + read.files().size()
                    + (read.files().size() == 1 ? " file" : " files"))
                    + (form.languages().isEmpty() || form.languages().equals(List.of(""))
                    ? "" : ", languages " + String.join(", ", form.languages())));
            return 0;
        }
        List<Codebook> codebooks = new ArrayList<>();
        if (language != null) {
            if (form.resolveLanguage(language).isEmpty()) {
                err.println("form: the form has no language '" + language + "'; it has "
                        + String.join(", ", form.languages()));
                return 2;
            }
            codebooks.add(Codebook.of(form, language));
        } else if (form.languages().isEmpty()) {
            codebooks.add(Codebook.of(form, null));
        } else {
            for (String formLanguage : form.languages()) {
                codebooks.add(Codebook.of(form, formLanguage));
            }
        }
        if (format.equals("json")) {
            out.println(codebooks.size() == 1 ? codebooks.getFirst().toJson()
                    : "[" + String.join(",\n", codebooks.stream().map(Codebook::toJson).toList()) + "]");
            return 0;
        }
        for (int i = 0; i < codebooks.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.print(format.equals("markdown") ? codebooks.get(i).toMarkdown() : codebooks.get(i).toText());
        }
        return 0;
    }
}

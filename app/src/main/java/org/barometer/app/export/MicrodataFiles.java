package org.barometer.app.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.barometer.app.analysis.WeightingOptions;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.formats.LocalizedText;
import org.barometer.formats.microdata.Dataset;
import org.barometer.formats.microdata.MissingCodes;
import org.barometer.formats.microdata.MissingKind;
import org.barometer.formats.microdata.SpssWriter;
import org.barometer.formats.microdata.StataWriter;
import org.barometer.formats.microdata.Value;
import org.barometer.formats.microdata.ValueLabelSet;
import org.barometer.formats.microdata.Variable;
import org.barometer.formats.sheet.SpreadsheetText;
import org.barometer.forms.expr.BinaryOperator;
import org.barometer.forms.expr.Expression;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The microdata written in each format an analyst works in: a ZIP of CSV files (data, variables, value labels,
 * margins), XLSX (the same as sheets), SPSS {@code .sav}, Stata {@code .dta} (format 118) and a ZIP with the CSV files
 * and an R script that builds the design as Barometer weighted it and recomputes published figures. Every text of the
 * CSV and XLSX files is neutralised against formula injection ({@link SpreadsheetText}).
 */
public final class MicrodataFiles {

    /** The formats offered. */
    public enum Format {
        CSV("csv", "application/zip", "-csv.zip"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        SAV("sav", "application/x-spss-sav", ".sav"),
        DTA("dta", "application/x-stata-dta", ".dta"),
        R("r", "application/zip", "-r.zip");

        private final String code;
        private final String contentType;
        private final String suffix;

        Format(String code, String contentType, String suffix) {
            this.code = code;
            this.contentType = contentType;
            this.suffix = suffix;
        }

        public String code() {
            return code;
        }

        public String contentType() {
            return contentType;
        }

        /** The download's file name for edition {@code id}. */
        public String fileName(long editionId) {
            return "microdata-edition-" + editionId + suffix;
        }

        /**
         * Whether the file is a ZIP for this microdata: an SPSS or Stata file holds one table, so with a repeat's
         * long tables beside the main one those two formats come as a ZIP of one file per table.
         */
        public boolean zipped(Microdata m) {
            return contentType.equals("application/zip") || (!m.repeats().isEmpty() && (this == SAV || this == DTA));
        }

        /** The content type of this microdata's file (see {@link #zipped}). */
        public String contentType(Microdata m) {
            return zipped(m) ? "application/zip" : contentType;
        }

        /** The download's file name of this microdata's file (see {@link #zipped}). */
        public String fileName(long editionId, Microdata m) {
            return zipped(m) && !contentType.equals("application/zip")
                    ? "microdata-edition-" + editionId + "-" + code + ".zip" : fileName(editionId);
        }

        /** The format named {@code code} ({@code csv}, {@code xlsx}, {@code sav}, {@code dta}, {@code r}). */
        public static Optional<Format> of(String code) {
            for (Format f : values()) {
                if (f.code.equalsIgnoreCase(code == null ? "" : code.strip())) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        /** The codes of every format, for messages. */
        public static String codes() {
            List<String> c = new ArrayList<>();
            for (Format f : values()) {
                c.add(f.code);
            }
            return String.join(", ", c);
        }
    }

    private MicrodataFiles() {}

    /** Writes {@code m} in {@code format}; labels of the SPSS file in {@code language} (SPSS holds one). */
    public static void write(Microdata m, Format format, String language, OutputStream out) throws IOException {
        switch (format) {
            case CSV -> zip(m, false, out);
            case R -> zip(m, true, out);
            case XLSX -> xlsx(m, out);
            case SAV -> tables(m, format, out, (data, o) -> SpssWriter.of(m.edition().languages().contains(language)
                    ? language : m.edition().languages().getFirst()).write(data, o));
            case DTA -> tables(m, format, out,
                    (data, o) -> StataWriter.of(m.edition().languages().toArray(String[]::new)).write(data, o));
        }
    }

    /** How a one-table format writes a table. */
    @FunctionalInterface
    private interface TableWriter {
        void write(Dataset data, OutputStream out) throws IOException;
    }

    /** The main table alone, or with repeats a ZIP of it ({@code microdata.sav}) and each long table. */
    private static void tables(Microdata m, Format format, OutputStream out, TableWriter writer) throws IOException {
        if (!format.zipped(m)) {
            writer.write(m.data(), out);
            return;
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        writer.write(m.data(), table);
        entry(zip, "microdata." + format.code(), table.toByteArray());
        for (Microdata.RepeatTable t : m.repeats()) {
            table.reset();
            writer.write(t.data(), table);
            entry(zip, "repeat_" + t.name() + "." + format.code(), table.toByteArray());
        }
        zip.finish();
    }

    // ------------------------------------------------------------------------------------------ the tables

    /** The data as text cells: numbers in full precision, a missing kind as its code, empty as nothing. */
    static List<List<String>> dataRows(Dataset d) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>();
        d.variables().forEach(v -> head.add(v.name()));
        rows.add(head);
        for (List<Value> row : d.rows()) {
            List<String> cells = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                cells.add(text(d, d.variables().get(c), row.get(c)));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String text(Dataset d, Variable v, Value value) {
        return switch (value) {
            case Value.Num n -> number(n.value());
            case Value.Str s -> s.value();
            case Value.Missing miss -> v.isNumeric() ? number(d.missingCodesOf(v).code(miss.kind())) : "";
            case Value.Empty e -> "";
        };
    }

    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x); // the shortest text that reads back as the same double
    }

    /** variable, type, value label set, then the label in each language. */
    static List<List<String>> variableRows(Microdata m) {
        return variableRows(m.data(), m.edition().languages());
    }

    /** As {@link #variableRows(Microdata)} for one table (the main one, or a repeat's long table). */
    static List<List<String>> variableRows(Dataset data, List<String> languages) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("variable", "type", "value_labels"));
        languages.forEach(l -> head.add("label_" + l));
        rows.add(head);
        for (Variable v : data.variables()) {
            List<String> row = new ArrayList<>(List.of(v.name(), v.isNumeric() ? "numeric" : "string",
                    v.valueLabels() == null ? "" : v.valueLabels().name()));
            languages.forEach(l -> row.add(v.label().inOrEmpty(l)));
            rows.add(row);
        }
        return rows;
    }

    /** set, code, missing kind (for the missing codes), then the label in each language. */
    static List<List<String>> valueLabelRows(Microdata m) {
        List<String> languages = m.edition().languages();
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("value_labels", "code", "missing"));
        languages.forEach(l -> head.add("label_" + l));
        rows.add(head);
        Map<String, ValueLabelSet> sets = new LinkedHashMap<>();
        List<Variable> variables = new ArrayList<>(m.data().variables());
        m.repeats().forEach(t -> variables.addAll(t.data().variables()));
        for (Variable v : variables) {
            if (v.valueLabels() != null) {
                sets.putIfAbsent(v.valueLabels().name(), v.valueLabels());
            }
        }
        for (ValueLabelSet set : sets.values()) {
            set.labels().forEach((code, label) -> {
                List<String> row = new ArrayList<>(List.of(set.name(), number(code), ""));
                languages.forEach(l -> row.add(label.inOrEmpty(l)));
                rows.add(row);
            });
        }
        MissingCodes codes = m.data().missingCodes();
        for (MissingKind kind : MissingKind.values()) {
            List<String> row = new ArrayList<>(List.of("", number(codes.code(kind)), kind.name().toLowerCase(Locale.ROOT)));
            languages.forEach(l -> row.add(codes.labels().get(kind).inOrEmpty(l)));
            rows.add(row);
        }
        return rows;
    }

    /** margin, variable, category, population: the frame's counts the weights are calibrated to. */
    static List<List<String>> marginRows(Microdata m) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("margin", "variable", "category", "population"));
        for (Microdata.Margin margin : m.margins()) {
            for (int c = 0; c < margin.categories().size(); c++) {
                rows.add(List.of(margin.name(), margin.variable(), margin.categories().get(c), number(margin.totals()[c])));
            }
        }
        return rows;
    }

    private static byte[] csv(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        for (List<String> row : rows) {
            out.writeBytes(SpreadsheetText.csvLine(row).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void zip(Microdata m, boolean withScript, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        entry(zip, "microdata.csv", csv(dataRows(m.data())));
        entry(zip, "variables.csv", csv(variableRows(m)));
        entry(zip, "value_labels.csv", csv(valueLabelRows(m)));
        entry(zip, "margins.csv", csv(marginRows(m)));
        for (Microdata.RepeatTable t : m.repeats()) {
            entry(zip, repeatFile(t), csv(dataRows(t.data())));
            entry(zip, "repeat_" + t.name() + "_variables.csv", csv(variableRows(t.data(), m.edition().languages())));
        }
        if (withScript) {
            entry(zip, "replicate.R", rScript(m).getBytes(StandardCharsets.UTF_8));
        }
        zip.finish();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** The file of a repeat's long table in the CSV and R exports. */
    static String repeatFile(Microdata.RepeatTable t) {
        return "repeat_" + t.name() + ".csv";
    }

    /**
     * The sheet of the {@code i}-th repeat's long table (0-based) in the XLSX export: {@code repeat1_sites}, cut to
     * the 31 characters a sheet name may have.
     */
    static String repeatSheet(int i, Microdata.RepeatTable t) {
        String name = "repeat" + (i + 1) + "_" + t.name();
        return name.length() > 31 ? name.substring(0, 31) : name;
    }

    private static void xlsx(Microdata m, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Barometer", "1.0");
        dataSheet(wb.newWorksheet("microdata"), m.data());
        sheet(wb.newWorksheet("variables"), variableRows(m));
        sheet(wb.newWorksheet("value_labels"), valueLabelRows(m));
        sheet(wb.newWorksheet("margins"), marginRows(m));
        for (int i = 0; i < m.repeats().size(); i++) {
            dataSheet(wb.newWorksheet(repeatSheet(i, m.repeats().get(i))), m.repeats().get(i).data());
        }
        wb.finish();
    }

    /** A table's data on a sheet: numbers as numbers, text made safe for spreadsheets. */
    private static void dataSheet(Worksheet data, Dataset table) {
        List<List<String>> rows = dataRows(table);
        List<Variable> vars = table.variables();
        for (int c = 0; c < vars.size(); c++) {
            data.value(0, c, vars.get(c).name());
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (vars.get(c).isNumeric() && !cell.isEmpty()) {
                    data.value(r, c, Double.parseDouble(cell));
                } else if (!cell.isEmpty()) {
                    data.value(r, c, SpreadsheetText.neutralise(cell));
                }
            }
        }
    }

    private static void sheet(Worksheet ws, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                ws.value(r, c, SpreadsheetText.neutralise(rows.get(r).get(c)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the R script

    /** A figure the script recomputes: its id, its base and each item as R conditions. */
    record Replicated(String id, String base, Map<String, String> items) {}

    /**
     * The figures the script can recompute: those without a breakdown whose base and items are conditions on the
     * exported variables (comparisons with a value, {@code selected()}, joined by {@code and} and {@code or}).
     */
    static List<Replicated> replicable(Microdata m) {
        List<Replicated> out = new ArrayList<>();
        for (FigureSpec f : m.spec().figures()) {
            if (f.breakdown() != null) {
                continue;
            }
            String base = f.base() == null ? "rep(TRUE, nrow(d))" : r(m, f.base());
            if (base == null) {
                continue;
            }
            Map<String, String> items = new LinkedHashMap<>();
            boolean all = true;
            for (FigureSpec.Item item : f.items()) {
                String condition = r(m, item.condition());
                if (condition == null) {
                    all = false;
                    break;
                }
                items.put(item.id(), condition);
            }
            if (all && !items.isEmpty()) {
                out.add(new Replicated(f.id(), base, items));
            }
        }
        return out;
    }

    /** {@code e} as an R logical vector over the data frame {@code d}, or null when it cannot be said. */
    private static String r(Microdata m, Expression e) {
        return switch (e) {
            case Expression.Binary b when b.operator() == BinaryOperator.AND || b.operator() == BinaryOperator.OR -> {
                String l = r(m, b.left());
                String rr = r(m, b.right());
                yield l == null || rr == null ? null
                        : "(" + l + (b.operator() == BinaryOperator.AND ? " & " : " | ") + rr + ")";
            }
            case Expression.Binary b when b.operator() == BinaryOperator.EQ && b.left() instanceof Expression.Reference ref ->
                    equals(m, ref.name(), b.right());
            case Expression.FunctionCall call when call.name().equals("selected") && call.arguments().size() == 2
                    && call.arguments().get(0) instanceof Expression.Reference ref
                    && call.arguments().get(1) instanceof Expression.StringLiteral choice -> {
                String column = ref.name() + "_" + choice.value();
                yield variable(m, column).isPresent() ? "(" + col(column) + " %in% 1)" : equals(m, ref.name(), choice);
            }
            default -> null;
        };
    }

    private static String equals(Microdata m, String name, Expression literal) {
        Optional<Variable> v = variable(m, name);
        if (v.isEmpty()) {
            return null;
        }
        Map<String, Double> codes = m.codes().get(name);
        if (literal instanceof Expression.StringLiteral s) {
            if (codes != null) {
                Double code = codes.get(s.value());
                if (code == null) {
                    MissingKind kind = missingChoice(s.value());
                    if (kind == null) {
                        return null;
                    }
                    code = m.data().missingCodes().code(kind);
                }
                return "(" + col(name) + " %in% " + number(code) + ")";
            }
            if (v.get().isNumeric()) {
                try {
                    return "(" + col(name) + " %in% " + number(Double.parseDouble(s.value())) + ")";
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return "(" + col(name) + " %in% " + rString(s.value()) + ")";
        }
        if (literal instanceof Expression.NumberLiteral num && v.get().isNumeric() && codes == null) {
            return "(" + col(name) + " %in% " + number(num.value()) + ")";
        }
        return null;
    }

    private static MissingKind missingChoice(String choice) {
        return switch (choice) {
            case "dont_know", "dk" -> MissingKind.DONT_KNOW;
            case "not_applicable", "na" -> MissingKind.NOT_APPLICABLE;
            default -> null;
        };
    }

    private static Optional<Variable> variable(Microdata m, String name) {
        return m.data().variables().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private static String col(String name) {
        return "d[[" + rString(name) + "]]";
    }

    private static String rString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The replication script. */
    static String rScript(Microdata m) {
        WeightingOptions o = m.settings().options();
        StringBuilder s = new StringBuilder();
        s.append("# Barometer microdata: ").append(oneLine(m.edition().name())).append(" (edition ").append(m.edition().id()).append(")\n");
        s.append("""
                # Reads microdata.csv with its labels (variables.csv, value_labels.csv), builds the survey design exactly
                # as Barometer weighted it -- strata (the non-response groups), finite population correction, the
                # weights after non-response adjustment, and the calibration redone from the frame's counts in
                # margins.csv -- and recomputes published figures with their standard errors (replication.csv).
                # Run from any folder:  Rscript replicate.R
                suppressPackageStartupMessages(library(survey))
                options(survey.lonely.psu = "certainty")
                args <- commandArgs(FALSE)
                file <- sub("^--file=", "", args[grepl("^--file=", args)])
                here <- if (length(file) == 1) dirname(file) else "."
                read <- function(name, ...) read.csv(file.path(here, name), fileEncoding = "UTF-8-BOM", check.names = FALSE,
                                                     stringsAsFactors = FALSE, ...)
                variables <- read("variables.csv", colClasses = "character")
                value_labels <- read("value_labels.csv", colClasses = "character")
                classes <- setNames(ifelse(variables$type == "numeric", "numeric", "character"), variables$variable)
                d <- read("microdata.csv", colClasses = classes, na.strings = character(0))
                for (v in variables$variable[variables$type == "string"]) d[[v]][d[[v]] == ""] <- NA
                missing_codes <- as.numeric(value_labels$code[value_labels$missing != ""])

                # The data with labels: codes of answers as factors, missing codes as NA, variable labels as attributes
                language <- Sys.getenv("BAROMETER_LANG", "%s")
                labelled <- d
                for (i in seq_len(nrow(variables))) {
                  v <- variables$variable[i]
                  set <- variables$value_labels[i]
                  if (variables$type[i] == "numeric") labelled[[v]][labelled[[v]] %%in%% missing_codes] <- NA
                  if (set != "") {
                    l <- value_labels[value_labels$value_labels == set, ]
                    labelled[[v]] <- factor(labelled[[v]], levels = as.numeric(l$code), labels = l[[paste0("label_", language)]])
                  }
                  attr(labelled[[v]], "label") <- variables[[paste0("label_", language)]][i]
                }

                # The design as Barometer weighted it
                design <- svydesign(ids = ~1, strata = ~variance_stratum, fpc = ~variance_population,
                                    weights = ~adjusted_weight, data = d)
                margins <- read("margins.csv", colClasses = "character")
                margins$population <- as.numeric(margins$population)
                margins <- margins[margins$population > 0, ]
                margin_variables <- unique(margins$variable)
                for (v in margin_variables) {
                  design$variables[[v]] <- factor(design$variables[[v]], levels = margins$category[margins$variable == v])
                }
                """.formatted(m.edition().languages().getFirst()));
        switch (o.method()) {
            case RAKING -> s.append("""
                    populations <- lapply(margin_variables, function(v) {
                      p <- data.frame(factor(margins$category[margins$variable == v],
                                             levels = margins$category[margins$variable == v]),
                                      margins$population[margins$variable == v])
                      names(p) <- c(v, "Freq")
                      p
                    })
                    design <- rake(design, lapply(margin_variables, function(v) as.formula(paste0("~", v))), populations,
                                   control = list(maxit = %d, epsilon = %s))
                    """.formatted(o.maxIterations(), number(o.tolerance())));
            case LINEAR -> s.append("""
                    totals <- c("(Intercept)" = sum(margins$population[margins$variable == margin_variables[1]]))
                    for (v in margin_variables) {
                      cats <- margins$category[margins$variable == v]
                      totals <- c(totals, setNames(margins$population[margins$variable == v][-1], paste0(v, cats[-1])))
                    }
                    design <- calibrate(design, as.formula(paste("~", paste(margin_variables, collapse = " + "))),
                                        population = totals, calfun = "linear")
                    """);
            case NONE -> s.append("# the edition's weights are not calibrated\n");
        }
        if (o.trimAbove() > 0) {
            s.append("design <- trimWeights(design, upper = %s * mean(weights(design)), strict = TRUE)\n"
                    .formatted(number(o.trimAbove())));
        }
        s.append("""
                stopifnot(isTRUE(all.equal(as.numeric(weights(design)), d$final_weight, tolerance = 1e-9)))

                # Published figures: each share of its base, with its linearised standard error
                share <- function(design, figure, base, items) {
                  do.call(rbind, lapply(names(items), function(item) {
                    design$variables$.yes <- as.numeric(items[[item]])
                    design$variables$.base <- base
                    est <- svymean(~.yes, subset(design, .base))
                    data.frame(figure = figure, item = item, share = unname(coef(est))[1], se = unname(SE(est))[1])
                  }))
                }
                figures <- function(design) rbind(
                """);
        List<Replicated> figures = replicable(m);
        for (int i = 0; i < figures.size(); i++) {
            Replicated f = figures.get(i);
            s.append("  share(design, ").append(rString(f.id())).append(", ").append(f.base()).append(", list(\n");
            int k = 0;
            for (Map.Entry<String, String> item : f.items().entrySet()) {
                s.append("    ").append(rString(item.getKey())).append(" = ").append(item.getValue())
                        .append(++k < f.items().size() ? ",\n" : ")");
            }
            s.append(i + 1 < figures.size() ? "),\n" : ")\n");
        }
        s.append("""
                )
                results <- figures(design)
                print(results, digits = 12, row.names = FALSE)
                write.csv(results, file.path(here, "replication.csv"), row.names = FALSE)
                """);
        return s.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    /** The label of a variable in {@code language}, or its name. */
    static String label(Variable v, String language) {
        LocalizedText l = v.label();
        return l.has(language) ? l.in(language) : v.name();
    }
}

package org.barometer.app.coding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.barometer.app.frame.TableReader;
import org.barometer.formats.sheet.SpreadsheetText;
import org.barometer.formats.sheet.WorkbookLimits;

/**
 * A coding frame as an office writes it, a CSV or XLSX table with one category per row under a header row:
 * {@code code}, {@code parent}, {@code label_da}, {@code label_en}, {@code definition_da}, {@code definition_en},
 * {@code examples_da}, {@code examples_en}, {@code keywords_da}, {@code keywords_en} (the keywords that suggest the
 * category, separated by {@code ;}). Only the code and both labels are required; a parent is the code of a
 * category in an earlier row, so that the hierarchy has no cycles. Checked whole at the door: every problem is
 * reported with its file, row and column, and a file with any problem gives no frame.
 */
public final class FrameFile {
    public static final List<String> COLUMNS = List.of("code", "parent", "label_da", "label_en", "definition_da",
            "definition_en", "examples_da", "examples_en", "keywords_da", "keywords_en");
    static final List<String> REQUIRED = List.of("code", "label_da", "label_en");
    /** A frame is a list coders read through for every answer; far more categories is a mistake in the file. */
    static final int MAX_CATEGORIES = 500;
    private static final WorkbookLimits LIMITS = new WorkbookLimits(10L << 20, MAX_CATEGORIES + 50);

    /** What reading gave: the categories in the file's order, or the problems (then no categories). */
    public record Result(List<FrameCategory> categories, List<FrameProblem> problems) {
        public Result {
            categories = List.copyOf(categories);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private FrameFile() {
    }

    public static Result read(String fileName, byte[] content) {
        String file = fileName == null || fileName.isBlank() ? "frame" : fileName;
        List<TableReader.TableRow> rows;
        try {
            rows = TableReader.read(file, content, LIMITS);
        } catch (TableReader.UnreadableFileException e) {
            return refused(new FrameProblem(file, 0, "", e.messageKey(), e.args()));
        }
        rows = rows.stream().filter(r -> !r.blank()).toList();
        if (rows.isEmpty()) {
            return refused(new FrameProblem(file, 0, "", "coding.problem.empty"));
        }
        TableReader.TableRow header = rows.getFirst();
        List<FrameProblem> problems = new ArrayList<>();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int c = 0; c < header.cells().size(); c++) {
            String name = header.cell(c).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!COLUMNS.contains(name)) {
                problems.add(new FrameProblem(file, header.number(), name, "coding.problem.column.unknown",
                        String.join(", ", COLUMNS)));
            } else if (at.putIfAbsent(name, c) != null) {
                problems.add(new FrameProblem(file, header.number(), name, "coding.problem.column.twice"));
            }
        }
        for (String required : REQUIRED) {
            if (!at.containsKey(required)) {
                problems.add(new FrameProblem(file, header.number(), required, "coding.problem.column.missing"));
            }
        }
        if (!problems.isEmpty()) {
            return refused(problems);
        }
        List<TableReader.TableRow> data = rows.subList(1, rows.size());
        if (data.isEmpty()) {
            return refused(new FrameProblem(file, header.number(), "", "coding.problem.noCategories"));
        }
        if (data.size() > MAX_CATEGORIES) {
            return refused(new FrameProblem(file, 0, "", "coding.problem.tooMany", MAX_CATEGORIES));
        }
        Map<String, Integer> rowOfCode = new HashMap<>();
        List<FrameCategory> categories = new ArrayList<>();
        for (TableReader.TableRow row : data) {
            String code = cell(row, at, "code");
            String parent = cell(row, at, "parent");
            String labelDa = cell(row, at, "label_da");
            String labelEn = cell(row, at, "label_en");
            int before = problems.size();
            if (code.isEmpty()) {
                problems.add(new FrameProblem(file, row.number(), "code", "coding.problem.code.missing"));
            } else if (!FrameCategory.CODE.matcher(code).matches()) {
                problems.add(new FrameProblem(file, row.number(), "code", "coding.problem.code.invalid", code));
            } else if (rowOfCode.containsKey(code)) {
                problems.add(new FrameProblem(file, row.number(), "code", "coding.problem.code.duplicate", code,
                        rowOfCode.get(code)));
            }
            if (!parent.isEmpty() && !rowOfCode.containsKey(parent)) {
                problems.add(new FrameProblem(file, row.number(), "parent", "coding.problem.parent.unknown", parent));
            }
            if (labelDa.isEmpty()) {
                problems.add(new FrameProblem(file, row.number(), "label_da", "coding.problem.label.missing"));
            }
            if (labelEn.isEmpty()) {
                problems.add(new FrameProblem(file, row.number(), "label_en", "coding.problem.label.missing"));
            }
            for (String column : List.of("keywords_da", "keywords_en")) {
                String keywords = cell(row, at, column);
                if (keywords.isEmpty()) {
                    continue;
                }
                // every keyword must be something to find: one of only spaces and punctuation would match everywhere
                String[] each = keywords.split(";", -1);
                for (int k = 0; k < each.length; k++) {
                    if (Suggestions.normalised(each[k]).isBlank()) {
                        problems.add(new FrameProblem(file, row.number(), column, "coding.problem.keyword.empty", k + 1));
                        break;
                    }
                }
            }
            if (!code.isEmpty()) {
                rowOfCode.putIfAbsent(code, row.number());
            }
            if (problems.size() == before) {
                categories.add(new FrameCategory(code, parent, labelDa, labelEn, cell(row, at, "definition_da"),
                        cell(row, at, "definition_en"), cell(row, at, "examples_da"), cell(row, at, "examples_en"),
                        cell(row, at, "keywords_da"), cell(row, at, "keywords_en")));
            }
        }
        return problems.isEmpty() ? new Result(categories, List.of()) : refused(problems);
    }

    /** A frame written back as the CSV file it could have been uploaded as, for editing and uploading again. */
    public static String csv(List<FrameCategory> categories) {
        StringBuilder out = new StringBuilder(SpreadsheetText.csvLine(COLUMNS));
        for (FrameCategory c : categories) {
            out.append(SpreadsheetText.csvLine(List.of(c.code(), c.parent() == null ? "" : c.parent(), c.labelDa(),
                    c.labelEn(), c.definitionDa(), c.definitionEn(), c.examplesDa(), c.examplesEn(), c.keywordsDa(),
                    c.keywordsEn())));
        }
        return out.toString();
    }

    private static String cell(TableReader.TableRow row, Map<String, Integer> at, String column) {
        Integer c = at.get(column);
        return c == null ? "" : row.cell(c).strip();
    }

    private static Result refused(FrameProblem problem) {
        return refused(List.of(problem));
    }

    private static Result refused(List<FrameProblem> problems) {
        return new Result(List.of(), problems);
    }
}

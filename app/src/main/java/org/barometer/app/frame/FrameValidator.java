package org.barometer.app.frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.barometer.formats.sheet.WorkbookLimits;

/**
 * Checks a frame file row by row and reports every problem with its row, column and value: missing or
 * unknown columns, duplicate workplace ids, malformed e-mail addresses, unknown categories, numbers that are
 * not numbers, missing values. Nothing is stored here; see {@link FrameStore}.
 */
public final class FrameValidator {
    /**
     * A deliberately plain e-mail check: one {@code @}, a non-empty local part without spaces, and a domain
     * of dot-separated labels ending in a label of at least two letters.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private FrameValidator() {}

    /**
     * The outcome: the rows without problems (as units), every problem, and the row numbers that have one.
     */
    public record Result(List<FrameUnit> validUnits, List<FrameProblem> problems, Set<Integer> faultyRows,
                         int dataRows) {

        public boolean clean() {
            return problems.isEmpty();
        }

        /** Whether a problem concerns the whole file (then leaving rows out cannot help). */
        public boolean hasFileProblems() {
            return problems.stream().anyMatch(FrameProblem::fileLevel);
        }
    }

    /**
     * The limits of a frame file unless configured: 100 MB unpacked, and 50,000 rows — many times the largest
     * public-sector register, and small enough that a report is made in seconds.
     */
    public static final WorkbookLimits DEFAULT_LIMITS = new WorkbookLimits(100L << 20, 50_000);

    /** Reads and checks a file within the default limits. */
    public static Result validate(String fileName, byte[] content) {
        return validate(fileName, content, DEFAULT_LIMITS);
    }

    /** Reads and checks a file of the built-in register; one past the limits is a file-level problem. */
    public static Result validate(String fileName, byte[] content, WorkbookLimits limits) {
        return validate(fileName, content, limits, null);
    }

    /**
     * Reads and checks a file against the edition's register: its declared one, or the built-in register when
     * {@code register} is null.
     */
    public static Result validate(String fileName, byte[] content, WorkbookLimits limits, RegisterSchema register) {
        return validate(fileName, content, limits, register, Set.of());
    }

    /**
     * As {@link #validate(String, byte[], WorkbookLimits, RegisterSchema)}, the data rows numbered in
     * {@code leftOut} read as if absent: the rows a user chose not to keep of a workplace id given twice.
     */
    public static Result validate(String fileName, byte[] content, WorkbookLimits limits, RegisterSchema register,
                                  Set<Integer> leftOut) {
        List<TableReader.TableRow> rows;
        try {
            rows = TableReader.read(fileName, content, limits);
        } catch (TableReader.UnreadableFileException e) {
            return new Result(List.of(), List.of(new FrameProblem(0, "", fileName, e.messageKey(), e.args())),
                    Set.of(), 0);
        }
        if (!leftOut.isEmpty()) {
            // the rows left out are data rows of duplicate ids (FramePages checks the choice), never the header
            rows = rows.stream().filter(r -> !leftOut.contains(r.number())).toList();
        }
        return register == null ? validate(rows) : validate(rows, register);
    }

    /** Checks rows already read against a declared register; the first non-blank row is the header. */
    public static Result validate(List<TableReader.TableRow> allRows, RegisterSchema register) {
        List<TableReader.TableRow> rows = allRows.stream().filter(r -> !r.blank()).toList();
        List<FrameProblem> problems = new ArrayList<>();
        if (rows.isEmpty()) {
            return new Result(List.of(), List.of(new FrameProblem(0, "", "", "frame.file.empty")), Set.of(), 0);
        }
        List<String> known = new ArrayList<>(RegisterSchema.BASE_COLUMNS);
        known.addAll(register.names());
        TableReader.TableRow header = rows.getFirst();
        Map<String, Integer> columns = columns(header, known, problems);
        List<String> required = new ArrayList<>(List.of(FrameSchema.WORKPLACE_ID, FrameSchema.NAME,
                FrameSchema.MANAGER_EMAIL, FrameSchema.LANGUAGE));
        register.variables().stream().filter(RegisterSchema.Variable::required).map(RegisterSchema.Variable::name)
                .forEach(required::add);
        for (String column : required) {
            if (!columns.containsKey(column)) {
                problems.add(new FrameProblem(header.number(), column, "", "frame.problem.missingColumn"));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems, Set.of(), rows.size() - 1);
        }
        List<TableReader.TableRow> data = rows.subList(1, rows.size());
        Map<String, List<Integer>> rowsById = rowsById(data, columns);
        List<FrameUnit> units = new ArrayList<>();
        Set<Integer> faulty = new TreeSet<>();
        for (TableReader.TableRow row : data) {
            int before = problems.size();
            int n = row.number();
            Base base = checkBase(row, columns, rowsById, problems);
            Map<String, String> values = new LinkedHashMap<>();
            for (RegisterSchema.Variable v : register.variables()) {
                List<String> kept = new ArrayList<>(1);
                FrameProblem p = register.check(n, v, get(row, columns, v.name()), kept);
                if (p != null) {
                    problems.add(p);
                } else if (kept.getFirst() != null) {
                    values.put(v.name(), kept.getFirst());
                }
            }
            if (problems.size() > before) {
                faulty.add(n);
            } else {
                units.add(new FrameUnit(n, base.id(), base.name(), null, null, null, null, null, base.managerName(),
                        base.email(), base.language(), values));
            }
        }
        return new Result(List.copyOf(units), List.copyOf(problems), Set.copyOf(faulty), data.size());
    }

    /** The header's columns by name (case and spaces ignored); unknown and repeated ones are problems. */
    private static Map<String, Integer> columns(TableReader.TableRow header, List<String> known,
                                                List<FrameProblem> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String raw = header.cells().get(i);
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!known.contains(name)) {
                problems.add(new FrameProblem(header.number(), raw, raw, "frame.problem.unknownColumn", String.join(", ", known)));
            } else if (columns.containsKey(name)) {
                problems.add(new FrameProblem(header.number(), raw, raw, "frame.problem.repeatedColumn"));
            } else {
                columns.put(name, i);
            }
        }
        return columns;
    }

    /** What every register has: the workplace's id and name, its manager's name and e-mail, its language. */
    private record Base(String id, String name, String managerName, String email, String language) {}

    private static Map<String, List<Integer>> rowsById(List<TableReader.TableRow> data, Map<String, Integer> columns) {
        Map<String, List<Integer>> rowsById = new HashMap<>();
        for (TableReader.TableRow row : data) {
            String id = get(row, columns, FrameSchema.WORKPLACE_ID);
            if (!id.isEmpty()) {
                rowsById.computeIfAbsent(id, k -> new ArrayList<>()).add(row.number());
            }
        }
        return rowsById;
    }

    private static Base checkBase(TableReader.TableRow row, Map<String, Integer> columns,
                                  Map<String, List<Integer>> rowsById, List<FrameProblem> problems) {
        int n = row.number();
        String id = get(row, columns, FrameSchema.WORKPLACE_ID);
        if (requiredText(n, FrameSchema.WORKPLACE_ID, id, FrameSchema.MAX_ID_LENGTH, problems)) {
            List<Integer> same = rowsById.get(id);
            if (same.size() > 1) {
                String others = same.stream().filter(r -> r != n).map(String::valueOf)
                        .reduce((a, b) -> a + ", " + b).orElse("");
                problems.add(new FrameProblem(n, FrameSchema.WORKPLACE_ID, id, "frame.problem.duplicateId", others));
            }
        }
        String name = get(row, columns, FrameSchema.NAME);
        requiredText(n, FrameSchema.NAME, name, FrameSchema.MAX_TEXT_LENGTH, problems);
        String language = category(row, columns, FrameSchema.LANGUAGE, FrameSchema.LANGUAGES, problems);
        String managerName = get(row, columns, FrameSchema.MANAGER_NAME);
        withinLength(n, FrameSchema.MANAGER_NAME, managerName, FrameSchema.MAX_TEXT_LENGTH, problems);
        String email = get(row, columns, FrameSchema.MANAGER_EMAIL);
        if (email.isEmpty()) {
            problems.add(new FrameProblem(n, FrameSchema.MANAGER_EMAIL, email, "frame.problem.missing"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(new FrameProblem(n, FrameSchema.MANAGER_EMAIL, email, "frame.problem.email"));
        }
        return new Base(id, name, managerName.isEmpty() ? null : managerName, email, language);
    }

    /** Checks rows already read; the first non-blank row is the header. */
    public static Result validate(List<TableReader.TableRow> allRows) {
        List<TableReader.TableRow> rows = allRows.stream().filter(r -> !r.blank()).toList();
        List<FrameProblem> problems = new ArrayList<>();
        if (rows.isEmpty()) {
            return new Result(List.of(), List.of(new FrameProblem(0, "", "", "frame.file.empty")), Set.of(), 0);
        }
        TableReader.TableRow header = rows.getFirst();
        Map<String, Integer> columns = columns(header, FrameSchema.COLUMNS, problems);
        for (String required : FrameSchema.REQUIRED_COLUMNS) {
            if (!columns.containsKey(required)) {
                problems.add(new FrameProblem(header.number(), required, "", "frame.problem.missingColumn"));
            }
        }
        if (!columns.containsKey(FrameSchema.EMPLOYEES) && !columns.containsKey(FrameSchema.SIZE_GROUP)) {
            problems.add(new FrameProblem(header.number(), FrameSchema.EMPLOYEES + " / " + FrameSchema.SIZE_GROUP, "",
                    "frame.problem.missingSize"));
        }
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems, Set.of(), rows.size() - 1);
        }

        List<TableReader.TableRow> data = rows.subList(1, rows.size());
        Map<String, List<Integer>> rowsById = rowsById(data, columns);
        List<FrameUnit> units = new ArrayList<>();
        Set<Integer> faulty = new TreeSet<>();
        for (TableReader.TableRow row : data) {
            int before = problems.size();
            FrameUnit unit = checkRow(row, columns, rowsById, problems);
            if (problems.size() > before) {
                faulty.add(row.number());
            } else {
                units.add(unit);
            }
        }
        return new Result(List.copyOf(units), List.copyOf(problems), Set.copyOf(faulty), data.size());
    }

    private static FrameUnit checkRow(TableReader.TableRow row, Map<String, Integer> columns,
                                      Map<String, List<Integer>> rowsById, List<FrameProblem> problems) {
        int n = row.number();
        Base base = checkBase(row, columns, rowsById, problems);
        String level = category(row, columns, FrameSchema.GOVERNMENT_LEVEL, FrameSchema.GOVERNMENT_LEVELS, problems);
        String area = category(row, columns, FrameSchema.AREA, FrameSchema.AREAS, problems);

        Integer employees = null;
        String employeesText = get(row, columns, FrameSchema.EMPLOYEES);
        if (!employeesText.isEmpty()) {
            try {
                employees = Integer.parseInt(employeesText);
                if (employees < FrameSchema.MIN_EMPLOYEES) {
                    problems.add(new FrameProblem(n, FrameSchema.EMPLOYEES, employeesText,
                            "frame.problem.tooFewEmployees", FrameSchema.MIN_EMPLOYEES));
                    employees = null;
                }
            } catch (NumberFormatException e) {
                problems.add(new FrameProblem(n, FrameSchema.EMPLOYEES, employeesText, "frame.problem.notWholeNumber"));
            }
        }
        String sizeGroup = get(row, columns, FrameSchema.SIZE_GROUP);
        if (!sizeGroup.isEmpty()) {
            if (!FrameSchema.SIZE_GROUPS.contains(sizeGroup)) {
                problems.add(new FrameProblem(n, FrameSchema.SIZE_GROUP, sizeGroup, "frame.problem.unknownCategory",
                        String.join(", ", FrameSchema.SIZE_GROUPS)));
                sizeGroup = null;
            } else if (employees != null && !FrameSchema.sizeGroup(employees).equals(sizeGroup)) {
                problems.add(new FrameProblem(n, FrameSchema.SIZE_GROUP, sizeGroup, "frame.problem.sizeMismatch",
                        employees, FrameSchema.sizeGroup(employees)));
            }
        } else if (employees != null) {
            sizeGroup = FrameSchema.sizeGroup(employees);
        } else if (employeesText.isEmpty()) {
            problems.add(new FrameProblem(n, FrameSchema.EMPLOYEES, "", "frame.problem.missingSizeValue"));
        }

        String region = get(row, columns, FrameSchema.REGION);
        withinLength(n, FrameSchema.REGION, region, FrameSchema.MAX_TEXT_LENGTH, problems);
        return new FrameUnit(n, base.id(), base.name(), level, area, employees, sizeGroup, region.isEmpty() ? null : region,
                base.managerName(), base.email(), base.language());
    }

    /** Notes a required text that is missing or too long; true when it is present and short enough. */
    private static boolean requiredText(int row, String column, String value, int maxLength,
                                        List<FrameProblem> problems) {
        if (value.isEmpty()) {
            problems.add(new FrameProblem(row, column, value, "frame.problem.missing"));
            return false;
        }
        return withinLength(row, column, value, maxLength, problems);
    }

    /** Notes a text longer than {@code maxLength}; true when it fits. */
    private static boolean withinLength(int row, String column, String value, int maxLength,
                                        List<FrameProblem> problems) {
        if (value.length() > maxLength) {
            problems.add(new FrameProblem(row, column, value, "frame.problem.tooLong", maxLength));
            return false;
        }
        return true;
    }

    private static String category(TableReader.TableRow row, Map<String, Integer> columns, String column,
                                   List<String> allowed, List<FrameProblem> problems) {
        String value = get(row, columns, column);
        if (value.isEmpty()) {
            problems.add(new FrameProblem(row.number(), column, value, "frame.problem.missing"));
            return null;
        }
        String normal = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normal)) {
            problems.add(new FrameProblem(row.number(), column, value, "frame.problem.unknownCategory",
                    String.join(", ", allowed)));
            return null;
        }
        return normal;
    }

    private static String get(TableReader.TableRow row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null ? "" : row.cell(index).strip();
    }
}

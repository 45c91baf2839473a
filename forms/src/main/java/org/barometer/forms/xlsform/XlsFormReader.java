package org.barometer.forms.xlsform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.forms.FormException;
import org.barometer.forms.FormProblem;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionProblem;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Text;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an XLSForm ({@code .xlsx} with sheets {@code survey}, {@code choices}, {@code settings}) into a
 * {@link Form}, checking it on the way in. Every problem is collected with its place (file, sheet, row,
 * column, character position) and the form is refused with a {@link FormException} listing them all.
 *
 * <p>Headers and sheet names are case-insensitive as in pyxform, {@code ::} (or a single {@code :}) separates a
 * column from its language, and pyxform's common aliases are understood ({@code list name}, {@code requiredMsg},
 * {@code select one from X or specify other}, …). Types Barometer does not support are refused by name.
 */
public final class XlsFormReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SELECT = Pattern.compile(
            "(select_one|select one|select_multiple|select multiple|select all that apply)(?: from)? (\\S+)"
                    + "( or_other| or specify other)?", Pattern.CASE_INSENSITIVE);

    /** Header aliases (lower case, spaces as underscores) to the canonical column key. */
    private static final Map<String, String> SURVEY_ALIASES = Map.ofEntries(
            Map.entry("requiredmsg", "required_message"),
            Map.entry("constraintmsg", "constraint_message"),
            Map.entry("relevance", "relevant"),
            Map.entry("caption", "label"),
            Map.entry("readonly", "read_only"),
            Map.entry("calculate", "calculation"),
            Map.entry("bind::calculate", "calculation"),
            Map.entry("bind::relevant", "relevant"),
            Map.entry("bind::constraint", "constraint"),
            Map.entry("bind::required", "required"),
            Map.entry("bind::readonly", "read_only"),
            Map.entry("bind::jr:constraintmsg", "constraint_message"),
            Map.entry("bind::jr:requiredmsg", "required_message"));
    private static final Map<String, String> CHOICE_ALIASES = Map.of("list_name", "list_name", "value", "name",
            "caption", "label");

    private static final Set<String> TRANSLATABLE = Set.of("label", "hint", "required_message", "constraint_message");
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "big-image", "media");
    /** Columns that change behaviour in ODK but mean nothing to Barometer: refused when filled in. */
    private static final Set<String> REFUSED_COLUMNS = Set.of("repeat_count", "parameters", "trigger");
    private static final Set<String> SHEETS = Set.of("survey", "choices", "settings");
    private static final Set<String> YES = Set.of("yes", "true", "true()", "1");
    private static final Set<String> NO = Set.of("no", "false", "false()", "0");
    private static final Set<String> CHOICE_COLUMNS = Set.of("list_name", "name", "label");
    private static final Set<String> ENDS = Set.of("end group", "end_group", "end repeat", "end_repeat", "end loop",
            "end_loop");

    /** Types Barometer refuses, with the message key of the reason. */
    private static final Map<String, String> UNSUPPORTED = new LinkedHashMap<>();

    static {
        for (String t : List.of("begin repeat", "begin_repeat", "end repeat", "end_repeat", "begin loop",
                "end loop", "end_loop")) {
            UNSUPPORTED.put(t, "xlsform.why.repeat");
        }
        for (String t : List.of("geopoint", "geotrace", "geoshape", "gps", "start-geopoint",
                "background-geopoint", "osm")) {
            UNSUPPORTED.put(t, "xlsform.why.gps");
        }
        for (String t : List.of("image", "audio", "video", "file", "background-audio", "photo")) {
            UNSUPPORTED.put(t, "xlsform.why.media");
        }
        for (String t : List.of("start", "end", "today", "deviceid", "simserial", "subscriberid", "phonenumber",
                "phone number", "username", "email", "audit", "uri:deviceid", "uri:email", "uri:username",
                "uri:phonenumber", "uri:simserial", "uri:subscriberid")) {
            UNSUPPORTED.put(t, "xlsform.why.metadata");
        }
        for (String t : List.of("time", "datetime")) {
            UNSUPPORTED.put(t, "xlsform.why.time");
        }
        UNSUPPORTED.put("barcode", "xlsform.why.barcode");
        UNSUPPORTED.put("range", "xlsform.why.range");
        UNSUPPORTED.put("rank", "xlsform.why.rank");
        UNSUPPORTED.put("hidden", "xlsform.why.hidden");
        UNSUPPORTED.put("xml-external", "xlsform.why.external_data");
        UNSUPPORTED.put("csv-external", "xlsform.why.external_data");
        for (String t : List.of("select_one_external", "select_one_from_file", "select_multiple_from_file",
                "select one external")) {
            UNSUPPORTED.put(t, "xlsform.why.external_choices");
        }
    }

    private final String file;
    private final List<FormProblem> problems = new ArrayList<>();
    /** Parsed expressions by source text: each is parsed once, for checking and for its references. */
    private final Map<String, Object> parsed = new HashMap<>();

    private XlsFormReader(String file) {
        this.file = file;
    }

    /** Reads and checks the XLSForm at {@code path}. */
    public static Form read(Path path) throws FormException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new FormException(List.of(new FormProblem(path.getFileName().toString(), null, null, null, null,
                    null, FormText.of("xlsform.unreadable_file", String.valueOf(e.getMessage())))));
        }
        return read(bytes, path.getFileName().toString());
    }

    /** Reads and checks an XLSForm from a stream; {@code fileName} names it in problems. */
    public static Form read(InputStream in, String fileName) throws FormException {
        try {
            return read(in.readAllBytes(), fileName);
        } catch (IOException e) {
            throw new FormException(List.of(new FormProblem(fileName, null, null, null, null, null,
                    FormText.of("xlsform.unreadable_file", String.valueOf(e.getMessage())))));
        }
    }

    /** Reads and checks an XLSForm held in memory; {@code fileName} names it in problems. */
    public static Form read(byte[] xlsx, String fileName) throws FormException {
        XlsFormReader reader = new XlsFormReader(fileName);
        Map<String, Sheet> sheets = reader.readSheets(xlsx);
        Form form = sheets == null ? null : reader.build(sheets);
        if (!reader.problems.isEmpty() || form == null) {
            throw new FormException(inReadingOrder(reader.problems));
        }
        return form;
    }

    // ---------------------------------------------------------------- reading the workbook

    /** The sheets by lower-case name, or null when the file is not a readable workbook. */
    private Map<String, Sheet> readSheets(byte[] xlsx) {
        Map<String, Sheet> sheets = new LinkedHashMap<>();
        List<String> allSheets = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (org.dhatim.fastexcel.reader.Sheet sheet : workbook.getSheets().toList()) {
                allSheets.add(sheet.getName());
                String key = sheet.getName().trim().toLowerCase(Locale.ROOT);
                if (!SHEETS.contains(key)) {
                    continue;
                }
                if (sheets.containsKey(key)) {
                    problem(sheet.getName(), null, FormText.of("xlsform.second_sheet", sheet.getName()));
                    continue;
                }
                sheets.put(key, toSheet(sheet.getName(), sheet.read()));
            }
        } catch (IOException | RuntimeException | Error e) {
            // A damaged zip or worksheet XML surfaces as any of these from the underlying libraries.
            if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
                throw vm;
            }
            problems.add(new FormProblem(file, null, null, null, null, null,
                    FormText.of("xlsform.not_a_workbook", describe(e))));
            return null;
        }
        if (!sheets.containsKey("survey")) {
            problem(null, null, allSheets.isEmpty() ? FormText.of("xlsform.no_sheets")
                    : FormText.of("xlsform.no_survey_sheet", String.join(", ", allSheets)));
            return null;
        }
        return sheets;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private Sheet toSheet(String name, List<Row> rows) {
        List<Sheet.Column> columns = new ArrayList<>();
        List<Sheet.DataRow> data = new ArrayList<>();
        boolean headerSeen = false;
        for (Row row : rows) {
            Map<Integer, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < row.getCellCount(); i++) {
                String text = cellText(row.getCell(i));
                if (text != null) {
                    cells.put(i, text);
                }
            }
            if (cells.isEmpty()) {
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                cells.forEach((index, header) -> columns.add(column(name, index, header)));
                continue;
            }
            data.add(new Sheet.DataRow(row.getRowNum(), cells));
        }
        return new Sheet(name, columns, data);
    }

    /** The cell as trimmed text, numbers without a needless ".0"; null when blank. */
    private static String cellText(Cell cell) {
        if (cell == null) {
            return null;
        }
        String text = switch (cell.getType()) {
            case NUMBER -> {
                String raw = cell.getRawValue();
                try {
                    BigDecimal number = new BigDecimal(raw.trim());
                    yield number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
                } catch (RuntimeException notANumber) {
                    yield raw;
                }
            }
            case BOOLEAN -> {
                String raw = cell.getRawValue();
                yield "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "true" : "false";
            }
            case EMPTY -> null;
            default -> cell.getText();
        };
        if (text == null) {
            return null;
        }
        text = text.strip();
        return text.isEmpty() ? null : text;
    }

    /** Splits a header into its key (lower case, aliases resolved) and language. */
    private static Sheet.Column column(String sheet, int index, String header) {
        String base = header.strip();
        String language = null;
        int sep = base.indexOf("::");
        String lowerBase = base.toLowerCase(Locale.ROOT);
        boolean bind = lowerBase.startsWith("bind::");
        if (bind) {
            // bind::x columns are ODK's spelling of the binding itself, not a translation.
            base = lowerBase;
        } else if (sep >= 0) {
            language = base.substring(sep + 2).strip();
            base = base.substring(0, sep);
        } else if (base.indexOf(':') > 0) {
            int colon = base.indexOf(':');
            language = base.substring(colon + 1).strip();
            base = base.substring(0, colon);
        }
        String key = base.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
        Map<String, String> aliases = sheet.equalsIgnoreCase("choices") ? CHOICE_ALIASES : SURVEY_ALIASES;
        key = aliases.getOrDefault(key, key);
        if (key.startsWith("media") && language != null && !sheet.equalsIgnoreCase("choices")) {
            key = "media";
        }
        return new Sheet.Column(index, header, key, language == null || language.isEmpty() ? null : language);
    }

    // ---------------------------------------------------------------- building the form

    /** Columns of one sheet by key: the untranslated column and those per language. */
    private final class Columns {
        final Sheet sheet;
        final Map<String, Sheet.Column> plain = new LinkedHashMap<>();
        final Map<String, Map<String, Sheet.Column>> translated = new LinkedHashMap<>();
        final Map<String, Map<String, Sheet.Column>> byLanguage = new HashMap<>();

        Columns(Sheet sheet) {
            this.sheet = sheet;
            Map<String, Sheet.Column> seen = new HashMap<>();
            for (Sheet.Column column : sheet.columns()) {
                String id = column.key() + "::" + (column.language() == null ? "" : column.language());
                Sheet.Column first = seen.putIfAbsent(id, column);
                if (first != null) {
                    problems.add(new FormProblem(file, sheet.name(), 1, column.letter(), column.header(), null,
                            FormText.of("xlsform.duplicate_column", column.header(), first.letter(),
                                    first.header())));
                    continue;
                }
                if (column.language() == null) {
                    plain.put(column.key(), column);
                } else {
                    translated.computeIfAbsent(column.key(), k -> new LinkedHashMap<>())
                            .put(column.language(), column);
                }
            }
        }

        Sheet.Column get(String key) {
            return plain.get(key);
        }

        String text(Sheet.DataRow row, String key) {
            return row.text(plain.get(key));
        }

        /** All columns of a translatable key: the plain one under the default language key, then the others. */
        Map<String, Sheet.Column> languages(String key, String defaultLanguageKey) {
            // Worked out once per key (and any clash reported once), not once per row.
            return byLanguage.computeIfAbsent(key, k -> {
                Map<String, Sheet.Column> all = new LinkedHashMap<>();
                Sheet.Column plainColumn = plain.get(k);
                Map<String, Sheet.Column> translations = translated.getOrDefault(k, Map.of());
                if (plainColumn != null) {
                    Sheet.Column clash = translations.get(defaultLanguageKey);
                    if (clash != null) {
                        problems.add(new FormProblem(file, sheet.name(), 1, clash.letter(), clash.header(), null,
                                FormText.of("xlsform.duplicate_default_language", clash.header(),
                                        plainColumn.header(), plainColumn.letter(), defaultLanguageKey)));
                    }
                    all.put(defaultLanguageKey, plainColumn);
                }
                translations.forEach(all::putIfAbsent);
                return all;
            });
        }

        Text text(Sheet.DataRow row, String key, String defaultLanguageKey) {
            Map<String, String> texts = new LinkedHashMap<>();
            languages(key, defaultLanguageKey).forEach((language, column) -> {
                String value = row.text(column);
                if (value != null) {
                    texts.put(language, value);
                }
            });
            return new Text(texts);
        }
    }

    private Form build(Map<String, Sheet> sheets) {
        // Settings first: default_language decides where untranslated columns go.
        Map<String, String> settings = new HashMap<>();
        Sheet settingsSheet = sheets.get("settings");
        Columns settingsColumns = settingsSheet == null ? null : new Columns(settingsSheet);
        if (settingsSheet != null) {
            Columns columns = settingsColumns;
            if (!settingsSheet.rows().isEmpty()) {
                Sheet.DataRow row = settingsSheet.rows().getFirst();
                columns.plain.forEach((key, column) -> {
                    String value = row.text(column);
                    if (value != null) {
                        settings.put(key, value);
                    }
                });
            }
        }
        String defaultLanguage = settings.get("default_language");
        String defaultKey = defaultLanguage == null ? "" : defaultLanguage;
        boolean allowDuplicates = isYes(settings.get("allow_choice_duplicates"));
        String formId = settings.getOrDefault("form_id", file.replaceFirst("\\.[^.]*$", ""));
        String title = settings.getOrDefault("form_title", formId);

        LinkedHashSet<String> languages = new LinkedHashSet<>();
        Map<String, ChoiceList> choiceLists = readChoices(sheets.get("choices"), defaultKey, allowDuplicates,
                languages);
        SurveyResult survey = readSurvey(sheets.get("survey"), defaultKey, choiceLists, languages);
        if (defaultLanguage != null && !languages.isEmpty() && !languages.contains(defaultLanguage)) {
            problems.add(place(settingsSheet, settingsSheet.rows().getFirst(),
                    settingsColumns.get("default_language"), FormText.of("xlsform.default_language_unknown",
                            defaultLanguage, languages.toString())));
        }
        List<String> languageList = new ArrayList<>(languages);
        return new Form(formId, title, settings.get("version"), defaultLanguage, languageList, survey.items,
                choiceLists, allowDuplicates);
    }

    private static boolean isYes(String value) {
        return value != null && YES.contains(value.toLowerCase(Locale.ROOT));
    }

    private static boolean isNo(String value) {
        return value == null || NO.contains(value.toLowerCase(Locale.ROOT));
    }

    private Map<String, ChoiceList> readChoices(Sheet sheet, String defaultKey, boolean allowDuplicates,
                                                Set<String> languages) {
        Map<String, ChoiceList> lists = new LinkedHashMap<>();
        if (sheet == null) {
            return lists;
        }
        Columns columns = new Columns(sheet);
        Sheet.Column listColumn = columns.get("list_name");
        Sheet.Column nameColumn = columns.get("name");
        if (listColumn == null || nameColumn == null) {
            problem(sheet.name(), 1, FormText.of("xlsform.choices_columns"));
            return lists;
        }
        columns.languages("label", defaultKey).keySet().forEach(languages::add);
        refuseMedia(columns);
        Map<String, List<Choice>> choices = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (Sheet.DataRow row : sheet.rows()) {
            String list = row.text(listColumn);
            String name = row.text(nameColumn);
            if (list == null) {
                problems.add(place(sheet, row, listColumn, FormText.of("xlsform.choice_without_list")));
                continue;
            }
            if (name == null) {
                problems.add(place(sheet, row, nameColumn, FormText.of("xlsform.choice_without_name", list)));
                continue;
            }
            Integer earlier = firstRow.putIfAbsent(list + "\u0000" + name, row.number());
            if (earlier != null && !allowDuplicates) {
                problems.add(place(sheet, row, nameColumn, FormText.of("xlsform.duplicate_choice", name, list,
                        earlier)));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Sheet.Column column : sheet.columns()) {
                if (column.language() == null && !CHOICE_COLUMNS.contains(column.key())
                        && !MEDIA.contains(column.key())) {
                    String value = row.text(column);
                    if (value != null) {
                        attributes.put(column.header().strip(), value);
                    }
                }
            }
            choices.computeIfAbsent(list, k -> new ArrayList<>())
                    .add(new Choice(name, columns.text(row, "label", defaultKey), attributes));
        }
        choices.forEach((list, items) -> lists.put(list, new ChoiceList(list, items)));
        return lists;
    }

    private void refuseMedia(Columns columns) {
        Sheet sheet = columns.sheet;
        for (Sheet.Column column : sheet.columns()) {
            boolean media = MEDIA.contains(column.key());
            boolean refused = REFUSED_COLUMNS.contains(column.key());
            if (!media && !refused) {
                continue;
            }
            for (Sheet.DataRow row : sheet.rows()) {
                if (row.text(column) != null) {
                    problems.add(place(sheet, row, column, media
                            ? FormText.of("xlsform.media_column", column.header())
                            : FormText.of("xlsform.column_not_supported", column.header())));
                }
            }
        }
    }

    // ---------------------------------------------------------------- the survey sheet

    private record SurveyResult(List<Item> items) {}

    /** A group being read: where it began, and the items so far. */
    private static final class OpenGroup {
        final Sheet.DataRow row;
        final String name;
        final Text label;
        final String relevant;
        final String appearance;
        final boolean refused;
        final List<Item> items = new ArrayList<>();

        OpenGroup(Sheet.DataRow row, String name, Text label, String relevant, String appearance, boolean refused) {
            this.row = row;
            this.name = name;
            this.label = label;
            this.relevant = relevant;
            this.appearance = appearance;
            this.refused = refused;
        }
    }

    /** An expression cell to check once all names are known. */
    private record ExpressionCell(Sheet.DataRow row, Sheet.Column column, String itemName, String source,
                                  boolean isChoiceFilter) {}

    /** A text cell whose ${name} references are checked once all names are known. */
    private record TextCell(Sheet.DataRow row, Sheet.Column column, String source) {}

    private SurveyResult readSurvey(Sheet sheet, String defaultKey, Map<String, ChoiceList> choiceLists,
                                    Set<String> languages) {
        Columns columns = new Columns(sheet);
        Sheet.Column typeColumn = columns.get("type");
        Sheet.Column nameColumn = columns.get("name");
        if (typeColumn == null) {
            problem(sheet.name(), 1, FormText.of("xlsform.no_type_column"));
            return new SurveyResult(List.of());
        }
        for (String key : TRANSLATABLE) {
            columns.languages(key, defaultKey).keySet().forEach(languages::add);
        }
        // Keep the spreadsheet's column order for languages: label columns decide first.
        refuseMedia(columns);

        Deque<OpenGroup> open = new ArrayDeque<>();
        open.push(new OpenGroup(null, null, Text.NONE, null, null, false));
        Map<String, Sheet.DataRow> names = new LinkedHashMap<>();
        List<ExpressionCell> expressions = new ArrayList<>();
        List<TextCell> texts = new ArrayList<>();
        Map<String, List<Dependency>> dependencies = new LinkedHashMap<>();

        for (Sheet.DataRow row : sheet.rows()) {
            String rawType = row.text(typeColumn);
            String name = row.text(nameColumn);
            if (rawType == null) {
                problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.row_without_type")));
                continue;
            }
            String spaced = SPACES.matcher(rawType.strip()).replaceAll(" ");
            String type = spaced.toLowerCase(Locale.ROOT);

            if (ENDS.contains(type)) {
                boolean repeatEnd = !type.contains("group");
                if (open.size() == 1) {
                    problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.end_without_begin", rawType)));
                    continue;
                }
                OpenGroup group = open.pop();
                if (repeatEnd != group.refused) {
                    problems.add(place(sheet, row, typeColumn, FormText.of(group.refused
                            ? "xlsform.end_closes_repeat" : "xlsform.end_closes_group", rawType, group.row.number())));
                }
                if (!group.refused) {
                    open.peek().items.add(new Group(group.name, group.label, group.relevant, group.appearance,
                            group.items));
                }
                continue;
            }

            String unsupported = UNSUPPORTED.get(type);
            if (unsupported == null) {
                int space = type.indexOf(' ');
                unsupported = UNSUPPORTED.get(space < 0 ? type : type.substring(0, space));
            }
            if (unsupported == null && type.startsWith("begin loop")) {
                unsupported = UNSUPPORTED.get("begin loop");
            }
            if (unsupported != null) {
                FormText why = FormText.of(unsupported);
                problems.add(place(sheet, row, typeColumn, name == null
                        ? FormText.of("xlsform.unsupported_type", rawType, why)
                        : FormText.of("xlsform.unsupported_type_named", rawType, name, why)));
                if (type.startsWith("begin")) {
                    open.push(new OpenGroup(row, name, Text.NONE, null, null, true));
                } else if (name != null) {
                    // Known, so that references to it are not reported a second time as unknown names.
                    names.putIfAbsent(name, row);
                }
                continue;
            }

            boolean isGroup = type.equals("begin group") || type.equals("begin_group");
            QuestionType questionType = null;
            String listName = null;
            boolean orOther = false;
            if (!isGroup) {
                // Matched on the original spelling so that list names keep their case.
                Matcher select = SELECT.matcher(spaced);
                if (select.matches()) {
                    String kind = select.group(1).toLowerCase(Locale.ROOT);
                    questionType = kind.equals("select_one") || kind.equals("select one")
                            ? QuestionType.SELECT_ONE : QuestionType.SELECT_MULTIPLE;
                    listName = select.group(2);
                    orOther = select.group(3) != null;
                    if (!choiceLists.containsKey(listName)) {
                        problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.missing_list", listName)));
                    }
                } else {
                    questionType = switch (type) {
                        case "integer", "int" -> QuestionType.INTEGER;
                        case "decimal" -> QuestionType.DECIMAL;
                        case "text", "string" -> QuestionType.TEXT;
                        case "note" -> QuestionType.NOTE;
                        case "date" -> QuestionType.DATE;
                        case "calculate" -> QuestionType.CALCULATE;
                        case "acknowledge", "trigger" -> QuestionType.ACKNOWLEDGE;
                        default -> null;
                    };
                    if (questionType == null) {
                        problems.add(place(sheet, row, typeColumn, name == null
                                ? FormText.of("xlsform.unknown_type", rawType)
                                : FormText.of("xlsform.unknown_type_named", rawType, name)));
                        continue;
                    }
                }
            }

            if (name == null) {
                problems.add(place(sheet, row, nameColumn == null ? typeColumn : nameColumn,
                        FormText.of(isGroup ? "xlsform.group_without_name" : "xlsform.question_without_name")));
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problems.add(place(sheet, row, nameColumn, FormText.of("xlsform.invalid_name", name)));
            }
            Sheet.DataRow earlier = names.putIfAbsent(name, row);
            if (earlier != null) {
                problems.add(place(sheet, row, nameColumn, FormText.of("xlsform.duplicate_name", name,
                        earlier.number())));
            }
            if (orOther) {
                Sheet.DataRow clash = names.putIfAbsent(name + "_other", row);
                if (clash != null) {
                    problems.add(place(sheet, row, nameColumn, FormText.of("xlsform.other_clash", name,
                            name + "_other", clash.number())));
                }
            }

            String relevant = row.text(columns.get("relevant"));
            String appearance = row.text(columns.get("appearance"));
            Text label = columns.text(row, "label", defaultKey);
            collectTexts(columns, row, "label", defaultKey, texts);
            collectExpression(columns, row, "relevant", name, relevant, expressions, false);
            List<Dependency> depends = dependencies.computeIfAbsent(name, k -> new ArrayList<>());
            if (open.peek().name != null) {
                depends.add(new Dependency(open.peek().name, columns.get("relevant"), true));
            }
            if (relevant != null) {
                referencesOf(relevant).forEach(r -> depends.add(new Dependency(r, columns.get("relevant"), false)));
            }
            if (isGroup) {
                open.push(new OpenGroup(row, name, label, relevant, appearance, false));
                continue;
            }

            String calculation = row.text(columns.get("calculation"));
            String constraint = row.text(columns.get("constraint"));
            String choiceFilter = row.text(columns.get("choice_filter"));
            String required = booleanOrExpression(row.text(columns.get("required")));
            String readOnly = booleanOrExpression(row.text(columns.get("read_only")));
            if (questionType == QuestionType.CALCULATE && calculation == null) {
                problems.add(place(sheet, row, columns.get("calculation") == null ? typeColumn
                        : columns.get("calculation"), FormText.of("xlsform.calculate_without_calculation", name)));
            }
            if (choiceFilter != null && !questionType.isSelect()) {
                problems.add(place(sheet, row, columns.get("choice_filter"),
                        FormText.of("xlsform.choice_filter_not_select", name)));
            }
            collectExpression(columns, row, "calculation", name, calculation, expressions, false);
            collectExpression(columns, row, "constraint", name, constraint, expressions, false);
            collectExpression(columns, row, "choice_filter", name, choiceFilter, expressions, true);
            if (required != null && !required.equals("true()")) {
                collectExpression(columns, row, "required", name, required, expressions, false);
            }
            if (readOnly != null && !readOnly.equals("true()")) {
                collectExpression(columns, row, "read_only", name, readOnly, expressions, false);
            }
            for (String key : List.of("hint", "required_message", "constraint_message")) {
                collectTexts(columns, row, key, defaultKey, texts);
            }
            if (calculation != null) {
                referencesOf(calculation).forEach(r -> depends.add(
                        new Dependency(r, columns.get("calculation"), false)));
            }
            String defaultValue = row.text(columns.get("default"));
            if (defaultValue != null && questionType == QuestionType.INTEGER && !defaultValue.matches("-?\\d+")) {
                problems.add(place(sheet, row, columns.get("default"), FormText.of("xlsform.default_not_integer",
                        defaultValue, name)));
            }
            open.peek().items.add(new Question(name, questionType, listName, orOther, label,
                    columns.text(row, "hint", defaultKey), required,
                    columns.text(row, "required_message", defaultKey), relevant, constraint,
                    columns.text(row, "constraint_message", defaultKey), calculation, choiceFilter, appearance,
                    defaultValue, readOnly));
        }
        while (open.size() > 1) {
            OpenGroup group = open.pop();
            problems.add(place(sheet, group.row, typeColumn, FormText.of(group.refused
                    ? "xlsform.repeat_never_ended" : "xlsform.group_never_ended", group.name)));
            if (!group.refused) {
                open.peek().items.add(new Group(group.name, group.label, group.relevant, group.appearance,
                        group.items));
            }
        }

        Set<String> known = names.keySet();
        for (ExpressionCell cell : expressions) {
            checkExpression(sheet, cell, known);
        }
        for (TextCell cell : texts) {
            Matcher m = REFERENCE.matcher(cell.source());
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    problems.add(new FormProblem(file, sheet.name(), cell.row().number(), cell.column().letter(),
                            cell.column().header(), m.start(), FormText.of("xlsform.unknown_name_in_text",
                            m.group(1))));
                }
            }
        }
        findCycles(sheet, dependencies, names);
        return new SurveyResult(open.peek().items);
    }

    private static String booleanOrExpression(String value) {
        if (isNo(value)) {
            return null;
        }
        return isYes(value) ? "true()" : value;
    }

    private void collectExpression(Columns columns, Sheet.DataRow row, String key, String itemName, String source,
                                   List<ExpressionCell> out, boolean choiceFilter) {
        if (source != null) {
            out.add(new ExpressionCell(row, columns.get(key), itemName, source, choiceFilter));
        }
    }

    private void collectTexts(Columns columns, Sheet.DataRow row, String key, String defaultKey, List<TextCell> out) {
        columns.languages(key, defaultKey).values().forEach(column -> {
            String value = row.text(column);
            if (value != null && value.contains("${")) {
                out.add(new TextCell(row, column, value));
            }
        });
    }

    private void checkExpression(Sheet sheet, ExpressionCell cell, Set<String> known) {
        Expression expression;
        try {
            expression = parse(cell.source());
        } catch (ExpressionSyntaxException e) {
            problems.add(new FormProblem(file, sheet.name(), cell.row().number(), cell.column().letter(),
                    cell.column().header(), e.position(), FormText.of("xlsform.invalid_expression", cell.source(),
                    e.text())));
            return;
        } catch (RuntimeException e) {
            problems.add(new FormProblem(file, sheet.name(), cell.row().number(), cell.column().letter(),
                    cell.column().header(), null, FormText.of("xlsform.unparsable_expression", cell.source(),
                    describe(e))));
            return;
        }
        // A choice_filter's bare names are choice-sheet columns; as in ODK, a name that is no column evaluates as
        // empty, so they are not checked here (pyxform accepts such forms too).
        for (ExpressionProblem p : expression.check(known)) {
            problems.add(new FormProblem(file, sheet.name(), cell.row().number(), cell.column().letter(),
                    cell.column().header(), p.position(), p.text()));
        }
    }

    /** Parses once per distinct source; a syntax error is remembered and thrown again. */
    private Expression parse(String source) throws ExpressionSyntaxException {
        Object known = parsed.get(source);
        if (known == null) {
            try {
                known = Expression.parse(source);
            } catch (ExpressionSyntaxException e) {
                known = e;
            }
            parsed.put(source, known);
        }
        if (known instanceof ExpressionSyntaxException e) {
            throw e;
        }
        return (Expression) known;
    }

    private List<String> referencesOf(String source) {
        try {
            return parse(source).references();
        } catch (ExpressionSyntaxException | RuntimeException e) {
            return List.of(); // the syntax error is reported by checkExpression
        }
    }

    /**
     * What an item's value or relevance depends on: a name in its calculation or relevant expression, or the
     * group it is in ({@code ofGroup}), whose relevance it inherits.
     */
    private record Dependency(String name, Sheet.Column column, boolean ofGroup) {}

    /**
     * Reports each cycle among calculations and conditions once, naming it ({@code a → b → a}), at the row of
     * its first item and the column of that item's step into the cycle.
     */
    private void findCycles(Sheet sheet, Map<String, List<Dependency>> dependencies,
                            Map<String, Sheet.DataRow> rows) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String start : dependencies.keySet()) {
            visit(start, dependencies, state, new ArrayList<>(), new ArrayList<>(), sheet, rows);
        }
    }

    private void visit(String name, Map<String, List<Dependency>> dependencies, Map<String, Integer> state,
                       List<String> path, List<Dependency> steps, Sheet sheet, Map<String, Sheet.DataRow> rows) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            int from = path.indexOf(name);
            List<String> cycle = new ArrayList<>(path.subList(from, path.size()));
            cycle.add(name);
            List<Dependency> cycleSteps = steps.subList(from, steps.size());
            boolean onlyCalculations = cycleSteps.stream().allMatch(d -> !d.ofGroup() && d.column() != null
                    && d.column().key().equals("calculation"));
            Sheet.DataRow row = rows.get(cycle.getFirst());
            Sheet.Column column = cycleSteps.getFirst().column();
            problems.add(new FormProblem(file, sheet.name(), row == null ? null : row.number(),
                    column == null ? null : column.letter(), column == null ? null : column.header(), null,
                    FormText.of(onlyCalculations ? "xlsform.calculation_cycle" : "xlsform.condition_cycle",
                            String.join(" → ", cycle))));
            return;
        }
        if (!dependencies.containsKey(name)) {
            return;
        }
        state.put(name, 1);
        path.add(name);
        for (Dependency next : dependencies.get(name)) {
            steps.add(next);
            visit(next.name(), dependencies, state, path, steps, sheet, rows);
            steps.removeLast();
        }
        path.removeLast();
        state.put(name, 2);
    }

    // ---------------------------------------------------------------- problems

    /** Sheet by sheet (survey, choices, settings), then by row, column and character, as a person reads. */
    private static List<FormProblem> inReadingOrder(List<FormProblem> problems) {
        List<String> sheets = List.of("survey", "choices", "settings");
        return problems.stream().sorted(java.util.Comparator
                .comparingInt((FormProblem p) -> p.sheet() == null ? -1
                        : sheets.indexOf(p.sheet().trim().toLowerCase(Locale.ROOT)))
                .thenComparingInt(p -> p.row() == null ? 0 : p.row())
                .thenComparingInt(p -> p.column() == null ? 0 : p.column().length())
                .thenComparing(p -> p.column() == null ? "" : p.column())
                .thenComparingInt(p -> p.position() == null ? -1 : p.position()))
                .toList();
    }

    private FormProblem place(Sheet sheet, Sheet.DataRow row, Sheet.Column column, FormText message) {
        return new FormProblem(file, sheet.name(), row == null ? null : row.number(),
                column == null ? null : column.letter(), column == null ? null : column.header(), null, message);
    }

    private void problem(String sheet, Integer row, FormText message) {
        problems.add(new FormProblem(file, sheet, row, null, null, null, message));
    }
}

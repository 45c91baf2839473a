package org.barometer.forms.xlsform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.barometer.forms.data.Csv;
import org.barometer.forms.data.Table;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.expr.ExpressionProblem;
import org.barometer.forms.expr.ExpressionSyntaxException;
import org.barometer.forms.i18n.FormText;
import org.barometer.forms.i18n.FormTexts;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Media;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Repeat;
import org.barometer.forms.model.Text;
import org.dhatim.fastexcel.reader.Cell;
import org.barometer.formats.sheet.WorkbookLimits;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an XLSForm ({@code .xlsx} with sheets {@code survey}, {@code choices}, {@code settings}, and
 * {@code external_choices}), bare or in a ZIP with the pictures and CSV files it uses, into a {@link Form},
 * checking it on the way in. Every problem is collected with its place (file, sheet, row, column, character
 * position) and the form is refused with a {@link FormException} listing them all; what does not refuse it (a
 * sheet name that looks misspelled) is a warning of the {@link FormPackage}.
 *
 * <p>The workbook is read as pyxform reads it: headers and sheet names are case-insensitive, {@code ::} (or a
 * single {@code :}) separates a column from its language, pyxform's aliases are understood ({@code list name},
 * {@code requiredMsg}, {@code select one from X or specify other}, {@code q int}, …), and a workbook with one
 * sheet of any name is its survey. Types that have no meaning in a self-completed web questionnaire (GPS and
 * maps, barcodes, capture of photos, sound, video and files) are refused by name with the reason.
 */
public final class XlsFormReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern LOOP_PLACEHOLDER = Pattern.compile("%\\((name|label)\\)s");

    /** Header aliases (lower case, spaces as underscores) to the canonical column key. */
    private static final Map<String, String> SURVEY_ALIASES = Map.ofEntries(
            Map.entry("requiredmsg", "required_message"),
            Map.entry("constraintmsg", "constraint_message"),
            Map.entry("constraining_message", "constraint_message"),
            Map.entry("relevance", "relevant"),
            Map.entry("caption", "label"),
            Map.entry("readonly", "read_only"),
            Map.entry("calculate", "calculation"),
            Map.entry("count", "repeat_count"),
            Map.entry("jr:count", "repeat_count"),
            Map.entry("bind::calculate", "calculation"),
            Map.entry("bind::relevant", "relevant"),
            Map.entry("bind::constraint", "constraint"),
            Map.entry("bind::required", "required"),
            Map.entry("bind::readonly", "read_only"),
            Map.entry("bind::jr:constraintmsg", "constraint_message"),
            Map.entry("bind::jr:requiredmsg", "required_message"),
            Map.entry("control::jr:count", "repeat_count"));
    private static final Map<String, String> CHOICE_ALIASES = Map.of("list_name", "list_name", "value", "name",
            "caption", "label");

    private static final Set<String> TRANSLATABLE = Set.of("label", "hint", "required_message", "constraint_message",
            "image", "big-image", "image_alt");
    /** Picture columns; {@code image_alt} is their alternative text. */
    private static final Set<String> PICTURES = Set.of("image", "big-image");
    /** Sound and film in labels: refused, with the reason. */
    private static final Set<String> SOUND_AND_FILM = Set.of("audio", "video");
    private static final Set<String> SHEETS = Set.of("survey", "choices", "settings", "external_choices");
    private static final Set<String> YES = Set.of("yes", "true", "true()", "1");
    private static final Set<String> NO = Set.of("no", "false", "false()", "0");
    private static final Set<String> CHOICE_COLUMNS = Set.of("list_name", "name", "label", "image", "big-image",
            "image_alt", "audio", "video");
    /** The most instances a loop may have (its list's choices) before it is refused. */
    static final int MAX_LOOP_CHOICES = 100;

    private final String file;
    private final Map<String, byte[]> files;
    private final Set<String> serverTables;
    private final List<FormProblem> problems = new ArrayList<>();
    private final List<FormProblem> warnings = new ArrayList<>();
    /** Parsed expressions by source text: each is parsed once, for checking and for its references. */
    private final Map<String, Object> parsed = new HashMap<>();
    /** The CSV files of the upload, read, by file name (a file that is no valid CSV is absent). */
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private XlsFormReader(String file, Map<String, byte[]> files, Set<String> serverTables) {
        this.file = file;
        this.files = files;
        this.serverTables = serverTables;
    }

    /** Reads and checks the XLSForm (a bare {@code .xlsx} or a ZIP of it with its files) at {@code path}. */
    public static Form read(Path path) throws FormException {
        return readPackage(path).form();
    }

    /** As {@link #read(Path)}, with the files and warnings. */
    public static FormPackage readPackage(Path path) throws FormException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new FormException(List.of(new FormProblem(path.getFileName().toString(), null, null, null, null,
                    null, FormText.of("xlsform.unreadable_file", String.valueOf(e.getMessage())))));
        }
        return readPackage(bytes, path.getFileName().toString());
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

    /** Reads and checks an XLSForm (a bare {@code .xlsx} or a ZIP) held in memory; {@code fileName} names it. */
    public static Form read(byte[] upload, String fileName) throws FormException {
        return readPackage(upload, fileName).form();
    }

    /** As {@link #read(byte[], String)}, with the files and warnings. */
    public static FormPackage readPackage(byte[] upload, String fileName) throws FormException {
        return readPackage(upload, fileName, Set.of());
    }

    /**
     * Reads and checks an upload; {@code serverTables} names the tables the server answers {@code pulldata()}
     * for itself (such as the register), beside the CSV files of the upload.
     */
    public static FormPackage readPackage(byte[] upload, String fileName, Set<String> serverTables)
            throws FormException {
        FormFiles unpacked = FormFiles.of(upload, fileName);
        if (unpacked.problem() != null) {
            throw new FormException(List.of(new FormProblem(fileName, null, null, null, null, null,
                    unpacked.problem())));
        }
        XlsFormReader reader = new XlsFormReader(unpacked.workbookName(), unpacked.files(), Set.copyOf(serverTables));
        reader.readTables();
        Map<String, Sheet> sheets = reader.readSheets(unpacked.workbook());
        Form form = sheets == null ? null : reader.build(sheets);
        if (!reader.problems.isEmpty() || form == null) {
            throw new FormException(inReadingOrder(reader.problems));
        }
        return new FormPackage(form, unpacked.files(), List.copyOf(reader.tables.values()),
                inReadingOrder(reader.warnings));
    }

    // ---------------------------------------------------------------- the files beside the workbook

    private void readTables() {
        files.forEach((name, bytes) -> {
            if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                try {
                    tables.put(name, Csv.read(name, bytes));
                } catch (Csv.CsvException e) {
                    problems.add(new FormProblem(name, null, e.line(), null, null, null, FormText.of(
                            switch (e.reason()) {
                                case "not_utf8" -> "xlsform.csv_not_utf8";
                                case "unclosed_quote" -> "xlsform.csv_unclosed_quote";
                                default -> "xlsform.csv_empty";
                            })));
                }
            }
        });
    }

    // ---------------------------------------------------------------- reading the workbook

    /** The sheets by lower-case name, or null when the file is not a readable workbook. */
    private Map<String, Sheet> readSheets(byte[] xlsx) {
        Map<String, Sheet> sheets = new LinkedHashMap<>();
        List<String> allSheets = new ArrayList<>();
        WorkbookLimits limits = WorkbookLimits.QUESTIONNAIRE;
        try {
            limits.checkUnpackedSize(xlsx);
        } catch (WorkbookLimits.TooLargeException e) {
            problems.add(new FormProblem(file, null, null, null, null, null, tooLarge(e)));
            return null;
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<org.dhatim.fastexcel.reader.Sheet> all = workbook.getSheets().toList();
            for (org.dhatim.fastexcel.reader.Sheet sheet : all) {
                allSheets.add(sheet.getName());
                String key = sheet.getName().trim().toLowerCase(Locale.ROOT);
                if (!SHEETS.contains(key)) {
                    // As in pyxform, the one sheet of a workbook is its survey, whatever it is called.
                    if (all.size() != 1) {
                        continue;
                    }
                    key = "survey";
                }
                if (sheets.containsKey(key)) {
                    problem(sheet.getName(), null, FormText.of("xlsform.second_sheet", sheet.getName()));
                    continue;
                }
                sheets.put(key, toSheet(sheet.getName(), readRows(sheet, limits)));
            }
        } catch (WorkbookLimits.TooLargeException e) {
            problems.add(new FormProblem(file, null, null, null, null, null, tooLarge(e)));
            return null;
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
            String similar = similarSheets("survey", allSheets);
            problem(null, null, allSheets.isEmpty() ? FormText.of("xlsform.no_sheets") : similar.isEmpty()
                    ? FormText.of("xlsform.no_survey_sheet", String.join(", ", allSheets))
                    : FormText.of("xlsform.no_survey_sheet_similar", String.join(", ", allSheets), similar));
            return null;
        }
        for (String wanted : List.of("choices", "settings", "external_choices")) {
            String similar = sheets.containsKey(wanted) ? "" : similarSheets(wanted, allSheets);
            if (!similar.isEmpty()) {
                warnings.add(new FormProblem(file, null, null, null, null, null,
                        FormText.of("xlsform.sheet_misspelled", similar, wanted)));
            }
        }
        for (String sheet : allSheets) {
            if (sheet.trim().equalsIgnoreCase("entities")) {
                warnings.add(new FormProblem(file, sheet, null, null, null, null,
                        FormText.of("xlsform.entities_not_read")));
            }
        }
        return sheets;
    }

    /**
     * The sheets whose names are within two edits of a sheet the reader wants (pyxform's test for a misspelling),
     * quoted and joined; empty when there is none. Names starting with {@code _} are private and never reported.
     */
    private static String similarSheets(String wanted, List<String> sheetNames) {
        List<String> similar = new ArrayList<>();
        for (String name : sheetNames) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (!SHEETS.contains(lower) && !lower.startsWith("_") && distance(lower, wanted) <= 2) {
                similar.add("'" + name + "'");
            }
        }
        return String.join(", ", similar);
    }

    /** Levenshtein edit distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * What kind of failure made a file unreadable, for the problem's wording: the exception's kind only, since its
     * message is the library's English, which would reach a Danish reader untranslated.
     */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName();
    }

    /** A sheet's rows, read one at a time and refused past the row limit (before they are all in memory). */
    private static List<Row> readRows(org.dhatim.fastexcel.reader.Sheet sheet, WorkbookLimits limits)
            throws IOException, WorkbookLimits.TooLargeException {
        List<Row> rows = new ArrayList<>();
        try (java.util.stream.Stream<Row> stream = sheet.openStream()) {
            for (java.util.Iterator<Row> it = stream.iterator(); it.hasNext(); ) {
                limits.checkRows(rows.size() + 1);
                rows.add(it.next());
            }
        }
        return rows;
    }

    private static FormText tooLarge(WorkbookLimits.TooLargeException e) {
        return switch (e.limit()) {
            case UNPACKED_BYTES -> FormText.of("xlsform.workbook_too_large", e.shownValue());
            case ROWS -> FormText.of("xlsform.workbook_too_many_rows", e.shownValue());
            case ENTRIES -> FormText.of("xlsform.zip_entries", e.shownValue());
        };
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

    /**
     * Splits a header into its key (lower case, aliases resolved) and language: {@code label::Dansk (da)},
     * {@code image::English}, and the old {@code media::image::English}.
     */
    private static Sheet.Column column(String sheet, int index, String header) {
        String base = header.strip();
        String lowerBase = base.toLowerCase(Locale.ROOT);
        if (lowerBase.startsWith("media::") || lowerBase.startsWith("media:")) {
            base = base.substring(base.indexOf(':') + (lowerBase.startsWith("media::") ? 2 : 1));
            lowerBase = base.toLowerCase(Locale.ROOT);
        }
        String language = null;
        int sep = base.indexOf("::");
        boolean bind = lowerBase.startsWith("bind::") || lowerBase.startsWith("control::");
        if (bind) {
            // bind::x columns are ODK's spelling of the binding itself, not a translation.
            base = lowerBase;
        } else if (sep >= 0) {
            language = base.substring(sep + 2).strip();
            base = base.substring(0, sep);
        } else if (base.indexOf(':') > 0 && !lowerBase.startsWith("jr:")) {
            int colon = base.indexOf(':');
            language = base.substring(colon + 1).strip();
            base = base.substring(0, colon);
        }
        String key = base.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
        if (key.equals("big_image")) {
            key = "big-image";
        }
        Map<String, String> aliases = sheet.equalsIgnoreCase("choices") || sheet.equalsIgnoreCase("external_choices")
                ? CHOICE_ALIASES : SURVEY_ALIASES;
        key = aliases.getOrDefault(key, key);
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

        /** Every column of a key, untranslated and translated. */
        List<Sheet.Column> all(String key) {
            List<Sheet.Column> out = new ArrayList<>();
            if (plain.containsKey(key)) {
                out.add(plain.get(key));
            }
            out.addAll(translated.getOrDefault(key, Map.of()).values());
            return out;
        }
    }

    private Form build(Map<String, Sheet> sheets) {
        // Settings first: default_language decides where untranslated columns go.
        Map<String, String> settings = new HashMap<>();
        Sheet settingsSheet = sheets.get("settings");
        Columns settingsColumns = settingsSheet == null ? null : new Columns(settingsSheet);
        if (settingsSheet != null && !settingsSheet.rows().isEmpty()) {
            Sheet.DataRow row = settingsSheet.rows().getFirst();
            settingsColumns.plain.forEach((key, column) -> {
                String value = row.text(column);
                if (value != null) {
                    settings.put(key, value);
                }
            });
        }
        String defaultLanguage = settings.get("default_language");
        String defaultKey = defaultLanguage == null ? "" : defaultLanguage;
        boolean allowDuplicates = isYes(settings.get("allow_choice_duplicates"));
        String formId = settings.getOrDefault("form_id", file.replaceFirst("\\.[^.]*$", ""));
        String title = settings.getOrDefault("form_title", formId);

        LinkedHashSet<String> languages = new LinkedHashSet<>();
        Map<String, ChoiceList> choiceLists = new LinkedHashMap<>();
        readChoices(sheets.get("choices"), defaultKey, allowDuplicates, languages, "", choiceLists);
        readChoices(sheets.get("external_choices"), defaultKey, allowDuplicates, languages, ChoiceList.EXTERNAL,
                choiceLists);
        SurveyResult survey = readSurvey(sheets.get("survey"), defaultKey, choiceLists, languages, allowDuplicates);
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

    private void readChoices(Sheet sheet, String defaultKey, boolean allowDuplicates, Set<String> languages,
                             String prefix, Map<String, ChoiceList> lists) {
        if (sheet == null || sheet.columns().isEmpty()) {
            return; // an empty sheet, as pyxform accepts it
        }
        Columns columns = new Columns(sheet);
        Sheet.Column listColumn = columns.get("list_name");
        Sheet.Column nameColumn = columns.get("name");
        if (listColumn == null || nameColumn == null) {
            problem(sheet.name(), 1, FormText.of("xlsform.choices_columns", sheet.name()));
            return;
        }
        columns.languages("label", defaultKey).keySet().forEach(languages::add);
        refuseSoundAndFilm(columns);
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
                if (column.language() == null && !CHOICE_COLUMNS.contains(column.key())) {
                    String value = row.text(column);
                    if (value != null) {
                        attributes.put(column.header().strip(), value);
                    }
                }
            }
            choices.computeIfAbsent(prefix + list, k -> new ArrayList<>()).add(new Choice(name,
                    columns.text(row, "label", defaultKey), attributes, media(columns, row, defaultKey)));
        }
        choices.forEach((list, items) -> lists.put(list, new ChoiceList(list, items)));
    }

    /** Audio and video in labels are refused, cell by cell. */
    private void refuseSoundAndFilm(Columns columns) {
        Sheet sheet = columns.sheet;
        for (Sheet.Column column : sheet.columns()) {
            if (SOUND_AND_FILM.contains(column.key())) {
                for (Sheet.DataRow row : sheet.rows()) {
                    if (row.text(column) != null) {
                        problems.add(place(sheet, row, column, FormText.of("xlsform.sound_and_film",
                                column.header())));
                    }
                }
            }
        }
    }

    /**
     * The pictures of a row, each checked: the file must have come with the form, and each language with a picture
     * needs its alternative text (an {@code image_alt} in that language or an untranslated one).
     */
    private Media media(Columns columns, Sheet.DataRow row, String defaultKey) {
        Text image = columns.text(row, "image", defaultKey);
        Text bigImage = columns.text(row, "big-image", defaultKey);
        Text alt = columns.text(row, "image_alt", defaultKey);
        for (String key : PICTURES) {
            columns.languages(key, defaultKey).forEach((language, column) -> {
                String fileName = row.text(column);
                if (fileName == null) {
                    return;
                }
                if (!files.containsKey(fileName)) {
                    problems.add(place(columns.sheet, row, column, files.isEmpty()
                            ? FormText.of("xlsform.media_not_uploaded", fileName)
                            : FormText.of("xlsform.media_missing", fileName)));
                }
                if (key.equals("image") && !alt.byLanguage().containsKey(language)
                        && !alt.byLanguage().containsKey(defaultKey)) {
                    problems.add(place(columns.sheet, row, column, FormText.of("xlsform.image_without_alt", fileName,
                            language.isEmpty() ? "image_alt" : "image_alt::" + language)));
                }
            });
        }
        if (!bigImage.isEmpty() && image.isEmpty()) {
            Sheet.Column column = columns.all("big-image").getFirst();
            problems.add(place(columns.sheet, row, column, FormText.of("xlsform.big_image_alone")));
        }
        return new Media(image, bigImage, alt);
    }

    // ---------------------------------------------------------------- the survey sheet

    private record SurveyResult(List<Item> items) {}

    private enum Container { FORM, GROUP, REPEAT, LOOP }

    /** A group, repeat or loop being read: where it began, and the items so far. */
    private static final class Open {
        final Container kind;
        final Sheet.DataRow row;
        final String name;
        final Text label;
        final String relevant;
        final String appearance;
        final String count;
        final String list;
        final List<Item> items = new ArrayList<>();

        Open(Container kind, Sheet.DataRow row, String name, Text label, String relevant, String appearance,
             String count, String list) {
            this.kind = kind;
            this.row = row;
            this.name = name;
            this.label = label;
            this.relevant = relevant;
            this.appearance = appearance;
            this.count = count;
            this.list = list;
        }

        Item build() {
            return switch (kind) {
                case GROUP -> new Group(name, label, relevant, appearance, items);
                case REPEAT, LOOP -> new Repeat(name, label, relevant, appearance, items, count, list);
                case FORM -> throw new IllegalStateException("the form is no item");
            };
        }

    }

    /** An expression cell to check once all names are known. */
    private record ExpressionCell(Sheet.DataRow row, Sheet.Column column, String itemName, String source,
                                  boolean isChoiceFilter) {}

    /** A text cell whose ${name} references are checked once all names are known. */
    private record TextCell(Sheet.DataRow row, Sheet.Column column, String source) {}

    private SurveyResult readSurvey(Sheet sheet, String defaultKey, Map<String, ChoiceList> choiceLists,
                                    Set<String> languages, boolean allowDuplicates) {
        Columns columns = new Columns(sheet);
        Sheet.Column typeColumn = columns.get("type");
        Sheet.Column nameColumn = columns.get("name");
        if (typeColumn == null) {
            problem(sheet.name(), 1, FormText.of("xlsform.no_type_column"));
            return new SurveyResult(List.of());
        }
        for (String key : List.of("label", "hint", "required_message", "constraint_message")) {
            columns.languages(key, defaultKey).keySet().forEach(languages::add);
        }
        refuseSoundAndFilm(columns);

        Deque<Open> open = new ArrayDeque<>();
        open.push(new Open(Container.FORM, null, null, Text.NONE, null, null, null, null));
        Map<String, Sheet.DataRow> names = new LinkedHashMap<>();
        List<ExpressionCell> expressions = new ArrayList<>();
        List<TextCell> texts = new ArrayList<>();
        Map<String, List<Dependency>> dependencies = new LinkedHashMap<>();
        List<Runnable> afterNames = new ArrayList<>();

        for (Sheet.DataRow row : sheet.rows()) {
            String rawType = row.text(typeColumn);
            String name = row.text(nameColumn);
            if (rawType == null) {
                problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.row_without_type")));
                continue;
            }
            TypeSpec spec = TypeSpec.of(rawType);

            if (spec.ends()) {
                Container closes = switch (spec.kind()) {
                    case END_GROUP -> Container.GROUP;
                    case END_LOOP -> Container.LOOP;
                    default -> Container.REPEAT;
                };
                if (open.size() == 1) {
                    problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.end_without_begin", rawType)));
                    continue;
                }
                Open group = open.pop();
                if (closes != group.kind) {
                    problems.add(place(sheet, row, typeColumn, FormText.of(group.kind == Container.GROUP
                            ? "xlsform.end_closes_group" : "xlsform.end_closes_repeat", rawType,
                            group.row.number())));
                }
                open.peek().items.add(group.build());
                continue;
            }

            if (spec.kind() == TypeSpec.Kind.REFUSED || spec.kind() == TypeSpec.Kind.UNKNOWN) {
                FormText why = spec.kind() == TypeSpec.Kind.REFUSED ? FormText.of(spec.refusal()) : null;
                problems.add(place(sheet, row, typeColumn, why == null
                        ? name == null ? FormText.of("xlsform.unknown_type", rawType)
                                : FormText.of("xlsform.unknown_type_named", rawType, name)
                        : name == null ? FormText.of("xlsform.unsupported_type", rawType, why)
                                : FormText.of("xlsform.unsupported_type_named", rawType, name, why)));
                if (name != null) {
                    // Known, so that references to it are not reported a second time as unknown names.
                    names.putIfAbsent(name, row);
                }
                continue;
            }

            boolean begins = spec.begins();
            if (name == null) {
                problems.add(place(sheet, row, nameColumn == null ? typeColumn : nameColumn,
                        FormText.of(begins ? "xlsform.group_without_name" : "xlsform.question_without_name")));
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                boolean inLoop = open.stream().anyMatch(o -> o.kind == Container.LOOP);
                problems.add(place(sheet, row, nameColumn, inLoop && LOOP_PLACEHOLDER.matcher(name).find()
                        ? FormText.of("xlsform.loop_placeholder_in_name", name)
                        : FormText.of("xlsform.invalid_name", name)));
            }
            Sheet.DataRow earlier = names.putIfAbsent(name, row);
            if (earlier != null) {
                problems.add(place(sheet, row, nameColumn, FormText.of("xlsform.duplicate_name", name,
                        earlier.number())));
            }
            if (spec.orOther()) {
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
            String count = row.text(columns.get("repeat_count"));
            if (count != null && spec.kind() != TypeSpec.Kind.BEGIN_REPEAT) {
                problems.add(place(sheet, row, columns.get("repeat_count"), FormText.of("xlsform.count_not_on_repeat",
                        columns.get("repeat_count").header())));
                count = null;
            }
            if (begins) {
                Container kind = switch (spec.kind()) {
                    case BEGIN_GROUP -> Container.GROUP;
                    case BEGIN_LOOP -> Container.LOOP;
                    default -> Container.REPEAT;
                };
                if (kind == Container.REPEAT && count != null) {
                    count = repeatCount(sheet, row, columns.get("repeat_count"), name, count, expressions);
                    if (count != null) {
                        referencesOf(count).forEach(r -> depends.add(new Dependency(r, columns.get("repeat_count"),
                                false)));
                    }
                }
                String list = null;
                if (kind == Container.LOOP) {
                    list = spec.list();
                    ChoiceList choices = choiceLists.get(list);
                    if (choices == null) {
                        problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.missing_list", list)));
                    } else if (choices.choices().size() > MAX_LOOP_CHOICES) {
                        problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.loop_too_long", list,
                                choices.choices().size(), MAX_LOOP_CHOICES)));
                    }
                }
                open.push(new Open(kind, row, name, label, relevant, appearance, count, list));
                continue;
            }

            QuestionType questionType = spec.type();
            String listName = spec.list();
            if (questionType.hasChoices()) {
                listName = choiceList(sheet, row, typeColumn, spec, columns, defaultKey, allowDuplicates, choiceLists,
                        languages);
            }
            String calculation = row.text(columns.get("calculation"));
            String constraint = row.text(columns.get("constraint"));
            Text constraintMessage = columns.text(row, "constraint_message", defaultKey);
            if (spec.defaults() != null && constraint == null) {
                // pyxform's ordinary question types (phone number, percentage) bring their own constraint.
                constraint = spec.defaults().constraint();
                if (constraintMessage.isEmpty()) {
                    constraintMessage = defaultMessage(spec.defaults().messageKey(), languages, defaultKey);
                }
            }
            String choiceFilter = row.text(columns.get("choice_filter"));
            if (appearance != null && appearance.toLowerCase(Locale.ROOT).matches(".*\\bsearch\\s*\\(.*")) {
                // ODK Collect's search('file', …) reads choices from a CSV file on the device; the choices sheet
                // then holds column names, not choices, so the list would be wrong if the appearance were ignored.
                problems.add(place(sheet, row, columns.get("appearance"), FormText.of("xlsform.search_function",
                        appearance)));
            }
            String required = booleanOrExpression(row.text(columns.get("required")));
            String readOnly = booleanOrExpression(row.text(columns.get("read_only")));
            if (questionType == QuestionType.CALCULATE && calculation == null) {
                problems.add(place(sheet, row, columns.get("calculation") == null ? typeColumn
                        : columns.get("calculation"), FormText.of("xlsform.calculate_without_calculation", name)));
            }
            if (choiceFilter != null && !questionType.hasChoices()) {
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
            Map<String, String> parameters = parameters(sheet, row, columns.get("parameters"), name, spec,
                    expressions);
            String trigger = row.text(columns.get("trigger"));
            if (trigger != null) {
                trigger(sheet, row, columns.get("trigger"), name, trigger, calculation, afterNames, names);
            }
            if (questionType == QuestionType.METADATA && spec.metadata() == org.barometer.forms.model.Metadata.AUDIT) {
                warnings.add(place(sheet, row, typeColumn, FormText.of("xlsform.audit_not_recorded", name)));
            }
            open.peek().items.add(new Question(name, questionType, listName, spec.orOther(), label,
                    columns.text(row, "hint", defaultKey), required,
                    columns.text(row, "required_message", defaultKey), relevant, constraint,
                    constraintMessage, calculation, choiceFilter, appearance, defaultValue, readOnly, parameters,
                    media(columns, row, defaultKey), spec.metadata(), trigger));
        }
        while (open.size() > 1) {
            Open group = open.pop();
            problems.add(place(sheet, group.row, typeColumn, FormText.of(group.kind == Container.GROUP
                    ? "xlsform.group_never_ended" : "xlsform.repeat_never_ended", group.name)));
            open.peek().items.add(group.build());
        }
        List<Item> items = open.peek().items;
        checkTables(sheet, items, columns, names);

        Set<String> known = names.keySet();
        afterNames.forEach(Runnable::run);
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
        return new SurveyResult(items);
    }

    /** A text from the module's bundles in each of the form's languages, for a message pyxform supplies itself. */
    private static Text defaultMessage(String key, Set<String> languages, String defaultKey) {
        Map<String, String> byLanguage = new LinkedHashMap<>();
        Set<String> all = new LinkedHashSet<>(languages);
        if (all.isEmpty()) {
            all.add(defaultKey);
        }
        for (String language : all) {
            byLanguage.put(language, FormText.of(key).render(language.isEmpty() ? FormTexts.ENGLISH : language));
        }
        return new Text(byLanguage);
    }

    /**
     * The count of a repeat: a whole number, or an expression that gives one. Anything else is refused here, so
     * that "two" reads as what it is rather than as an unknown name.
     */
    private String repeatCount(Sheet sheet, Sheet.DataRow row, Sheet.Column column, String repeat, String count,
                               List<ExpressionCell> expressions) {
        if (WHOLE_NUMBER.matcher(count).matches()) {
            return count;
        }
        Expression e;
        try {
            e = parse(count);
        } catch (ExpressionSyntaxException ex) {
            problems.add(place(sheet, row, column, FormText.of("xlsform.count_not_a_number", count, repeat)));
            return null;
        }
        if (e instanceof Expression.NumberLiteral || e instanceof Expression.Negation
                || e instanceof Expression.StringLiteral || !e.choiceColumns().isEmpty()) {
            problems.add(place(sheet, row, column, FormText.of("xlsform.count_not_a_number", count, repeat)));
            return null;
        }
        expressions.add(new ExpressionCell(row, column, repeat, count, false));
        return count;
    }

    /** The {@code trigger} column: one or more {@code ${name}}, on a question that has a calculation. */
    private void trigger(Sheet sheet, Sheet.DataRow row, Sheet.Column column, String name, String trigger,
                         String calculation, List<Runnable> afterNames, Map<String, Sheet.DataRow> names) {
        if (calculation == null) {
            problems.add(place(sheet, row, column, FormText.of("xlsform.trigger_without_calculation", name)));
            return;
        }
        List<String> referenced = triggerNames(trigger);
        if (referenced == null) {
            problems.add(place(sheet, row, column, FormText.of("xlsform.trigger_syntax", trigger)));
            return;
        }
        afterNames.add(() -> {
            for (String r : referenced) {
                if (!names.containsKey(r)) {
                    problems.add(place(sheet, row, column, FormText.of("xlsform.trigger_unknown", r)));
                }
            }
        });
    }

    /** The names of a trigger cell ({@code ${a}} or {@code ${a}, ${b}}), or null when it is not written so. */
    public static List<String> triggerNames(String trigger) {
        List<String> out = new ArrayList<>();
        for (String part : trigger.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            Matcher m = REFERENCE.matcher(part);
            if (!m.matches() || !NAME.matcher(m.group(1)).matches()) {
                return null;
            }
            out.add(m.group(1));
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The list of a select or rank question: from the choices sheet, the external_choices sheet, or a CSV file
     * that came with the form (read into a list named after the file).
     */
    private String choiceList(Sheet sheet, Sheet.DataRow row, Sheet.Column typeColumn, TypeSpec spec,
                              Columns columns, String defaultKey, boolean allowDuplicates,
                              Map<String, ChoiceList> choiceLists, Set<String> languages) {
        String list = spec.list();
        switch (spec.source()) {
            case CHOICES -> {
                if (!choiceLists.containsKey(list)) {
                    problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.missing_list", list)));
                }
                return list;
            }
            case EXTERNAL -> {
                if (!choiceLists.containsKey(ChoiceList.EXTERNAL + list)) {
                    problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.missing_external_list", list)));
                }
                return ChoiceList.EXTERNAL + list;
            }
            default -> {
                String lower = list.toLowerCase(Locale.ROOT);
                if (!lower.endsWith(".csv")) {
                    problems.add(place(sheet, row, typeColumn, FormText.of("xlsform.choices_file_not_csv", list)));
                    return list;
                }
                if (!files.containsKey(list)) {
                    problems.add(place(sheet, row, typeColumn, files.isEmpty()
                            ? FormText.of("xlsform.choices_file_not_uploaded", list)
                            : FormText.of("xlsform.choices_file_missing", list)));
                    return list;
                }
                Map<String, String> parameters = Parameters.parse(row.text(columns.get("parameters")));
                String valueColumn = parameters == null ? "name" : parameters.getOrDefault("value", "name");
                String labelColumn = parameters == null ? "label" : parameters.getOrDefault("label", "label");
                String listName = valueColumn.equals("name") && labelColumn.equals("label") ? list
                        : list + "[" + valueColumn + "," + labelColumn + "]";
                if (!choiceLists.containsKey(listName)) {
                    ChoiceList read = choicesFromFile(list, listName, valueColumn, labelColumn, sheet.name(),
                            row.number(), allowDuplicates, languages, defaultKey);
                    if (read != null) {
                        choiceLists.put(listName, read);
                    }
                }
                return listName;
            }
        }
    }

    /**
     * A CSV file's rows as a choice list: the value column ({@code name} unless a parameter says otherwise) and the
     * label column ({@code label}, and {@code label::language} for translations); other columns are attributes
     * for choice filters. Null when the file cannot serve (the problem is reported at the file's place).
     */
    private ChoiceList choicesFromFile(String fileName, String listName, String valueColumn, String labelColumn,
                                       String surveySheet, int surveyRow, boolean allowDuplicates,
                                       Set<String> languages, String defaultKey) {
        Table table = tables.get(fileName);
        if (table == null) {
            return null; // not a readable CSV: reported when the files were read
        }
        int value = table.column(valueColumn);
        int label = table.column(labelColumn);
        boolean ok = true;
        for (String wanted : List.of(valueColumn, labelColumn)) {
            if (table.column(wanted) < 0) {
                problems.add(new FormProblem(fileName, null, 1, null, null, null, FormText.of(
                        "xlsform.choices_file_column", wanted, surveySheet, surveyRow,
                        String.join(", ", table.columns()))));
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        Map<String, Integer> translations = new LinkedHashMap<>();
        for (int c = 0; c < table.columns().size(); c++) {
            String header = table.columns().get(c);
            if (header.toLowerCase(Locale.ROOT).startsWith(labelColumn.toLowerCase(Locale.ROOT) + "::")) {
                translations.put(header.substring(labelColumn.length() + 2).strip(), c);
            }
        }
        translations.keySet().forEach(languages::add);
        List<Choice> choices = new ArrayList<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> cells = table.rows().get(r);
            int line = r + 2;
            String name = cells.get(value);
            if (name.isEmpty()) {
                problems.add(new FormProblem(fileName, null, line, Sheet.columnLetter(value), valueColumn, null,
                        FormText.of("xlsform.choices_file_no_value", valueColumn)));
                continue;
            }
            Integer earlier = firstRow.putIfAbsent(name, line);
            if (earlier != null && !allowDuplicates) {
                problems.add(new FormProblem(fileName, null, line, Sheet.columnLetter(value), valueColumn, null,
                        FormText.of("xlsform.choices_file_duplicate", name, earlier)));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (!cells.get(label).isEmpty()) {
                labels.put(defaultKey, cells.get(label));
            }
            translations.forEach((language, c) -> {
                if (!cells.get(c).isEmpty()) {
                    labels.put(language, cells.get(c));
                }
            });
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int c = 0; c < table.columns().size(); c++) {
                if (c != value && c != label && !translations.containsValue(c) && !cells.get(c).isEmpty()) {
                    attributes.put(table.columns().get(c), cells.get(c));
                }
            }
            choices.add(new Choice(name, new Text(labels), attributes));
        }
        return new ChoiceList(listName, choices, fileName);
    }

    /**
     * The {@code parameters} cell, parsed and checked against what the question's type takes: randomize and seed
     * for lists, value and label for lists from a file, start, end and step for a range, rows for a text.
     */
    private Map<String, String> parameters(Sheet sheet, Sheet.DataRow row, Sheet.Column column, String name,
                                           TypeSpec spec, List<ExpressionCell> expressions) {
        String cell = row.text(column);
        Map<String, String> parameters = Parameters.parse(cell);
        if (cell == null) {
            if (spec.type() == QuestionType.RANGE) {
                return Parameters.rangeDefaults(Map.of());
            }
            return Map.of();
        }
        if (parameters == null) {
            problems.add(place(sheet, row, column, FormText.of("xlsform.parameters_syntax", cell)));
            return Map.of();
        }
        Set<String> accepted = Parameters.accepted(spec.type(), spec.source() == TypeSpec.Source.FILE);
        for (String key : parameters.keySet()) {
            if (!accepted.contains(key)) {
                problems.add(place(sheet, row, column, accepted.isEmpty()
                        ? FormText.of("xlsform.parameters_none", key, spec.type().xlsFormName())
                        : FormText.of("xlsform.parameter_unknown", key, spec.type().xlsFormName(),
                                String.join(", ", new java.util.TreeSet<>(accepted)))));
            }
        }
        String randomize = parameters.get("randomize");
        if (randomize != null && !randomize.equals("true") && !randomize.equals("false")) {
            problems.add(place(sheet, row, column, FormText.of("xlsform.randomize_value", randomize)));
        }
        String seed = parameters.get("seed");
        if (seed != null) {
            if (!"true".equals(randomize)) {
                problems.add(place(sheet, row, column, FormText.of("xlsform.seed_without_randomize")));
            }
            expressions.add(new ExpressionCell(row, column, name, seed, false));
        }
        if (spec.type() == QuestionType.RANGE) {
            parameters = Parameters.rangeDefaults(parameters);
            FormText wrong = Parameters.checkRange(parameters);
            if (wrong != null) {
                problems.add(place(sheet, row, column, wrong));
            }
        }
        return parameters;
    }

    /**
     * A {@code table-list} group is a grid: every question in it is a select of one and the same list (notes may
     * stand before them), as ODK requires.
     */
    private void checkTables(Sheet sheet, List<Item> items, Columns columns, Map<String, Sheet.DataRow> names) {
        for (Item item : items) {
            switch (item) {
                case Question q -> { }
                case Repeat r -> checkTables(sheet, r.items(), columns, names);
                case Group g -> {
                    if (g.appearance() != null && g.appearance().toLowerCase(Locale.ROOT).contains("table-list")) {
                        String list = null;
                        for (Item child : g.items()) {
                            boolean fits = child instanceof Question q && (q.type() == QuestionType.NOTE
                                    || q.type().isSelect() && (list == null || list.equals(q.listName())));
                            if (child instanceof Question q && q.type().isSelect() && list == null) {
                                list = q.listName();
                            }
                            if (!fits) {
                                problems.add(place(sheet, names.get(child.name()), columns.get("type"),
                                        FormText.of("xlsform.table_list_mixed", g.name(), child.name())));
                            }
                        }
                    }
                    checkTables(sheet, g.items(), columns, names);
                }
            }
        }
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
        for (Expression.FunctionCall call : expression.functionCalls()) {
            if (call.name().equals("pulldata") && call.arguments().size() == 4) {
                checkPulldata(sheet, cell, call);
            }
        }
    }

    /** pulldata() reads a CSV file that came with the form, or a table the server answers for itself. */
    private void checkPulldata(Sheet sheet, ExpressionCell cell, Expression.FunctionCall call) {
        if (!(call.arguments().getFirst() instanceof Expression.StringLiteral table)) {
            return; // a table named at run time: the server's source decides
        }
        Table csv = tables.get(table.value() + ".csv");
        if (csv == null && !serverTables.contains(table.value())) {
            problems.add(new FormProblem(file, sheet.name(), cell.row().number(), cell.column().letter(),
                    cell.column().header(), call.position(), FormText.of(files.isEmpty()
                    ? "xlsform.pulldata_not_uploaded" : "xlsform.pulldata_missing", table.value(),
                    table.value() + ".csv")));
            return;
        }
        if (csv != null) {
            for (int i : new int[] {1, 2}) {
                if (call.arguments().get(i) instanceof Expression.StringLiteral column
                        && csv.column(column.value()) < 0) {
                    problems.add(new FormProblem(file, sheet.name(), cell.row().number(), cell.column().letter(),
                            cell.column().header(), call.position(), FormText.of("xlsform.pulldata_column",
                            column.value(), csv.name(), String.join(", ", csv.columns()))));
                }
            }
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

    /**
     * Files first (the upload, then the CSV files), then sheet by sheet (survey, choices, settings), then by row,
     * column and character, as a person reads.
     */
    private static List<FormProblem> inReadingOrder(List<FormProblem> problems) {
        List<String> sheets = List.of("survey", "choices", "settings", "external_choices");
        return problems.stream().sorted(Comparator
                .comparingInt((FormProblem p) -> p.sheet() == null ? -1
                        : sheets.indexOf(p.sheet().trim().toLowerCase(Locale.ROOT)))
                .thenComparing(p -> p.file() == null ? "" : p.file())
                .thenComparingInt(p -> p.row() == null ? 0 : p.row())
                .thenComparingInt(p -> p.column() == null ? 0 : p.column().length())
                .thenComparing(p -> p.column() == null ? "" : p.column())
                .thenComparingInt(p -> p.position() == null ? -1 : p.position()))
                .toList();
    }

    private FormProblem place(Sheet sheet, Sheet.DataRow row, Sheet.Column column, FormText message) {
        return new FormProblem(file, sheet == null ? null : sheet.name(), row == null ? null : row.number(),
                column == null ? null : column.letter(), column == null ? null : column.header(), null, message);
    }

    private void problem(String sheet, Integer row, FormText message) {
        problems.add(new FormProblem(file, sheet, row, null, null, null, message));
    }
}

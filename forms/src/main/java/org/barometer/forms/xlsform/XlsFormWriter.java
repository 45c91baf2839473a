package org.barometer.forms.xlsform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Repeat;
import org.barometer.forms.model.Text;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a {@link Form} as an XLSForm workbook that {@link XlsFormReader} reads back to an equal form. Only the
 * columns the form uses are written; translated texts get one column per language ({@code label::Dansk (da)}).
 * A form with choices from CSV files or with pictures is written as a ZIP with its files
 * ({@link #writePackage}).
 */
public final class XlsFormWriter {
    private XlsFormWriter() {}

    /** The form as {@code .xlsx} bytes (lists from CSV files are named, not written: see {@link #writePackage}). */
    public static byte[] write(Form form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(form, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The form as a ZIP of {@code <form id>.xlsx}, a CSV file for each list read from one, and the given files
     * (the pictures the form shows, by name): what {@link XlsFormReader} reads back to an equal form.
     */
    public static byte[] writePackage(Form form, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(form.id() + ".xlsx"));
            zip.write(write(form));
            zip.closeEntry();
            for (ChoiceList list : form.choiceLists().values()) {
                if (list.file() != null && !files.containsKey(list.file())) {
                    zip.putNextEntry(new ZipEntry(list.file()));
                    zip.write(csv(form, list).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the form as {@code .xlsx} to the stream (not closed). */
    public static void write(Form form, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Barometer", "1.0");
        writeSurvey(form, workbook.newWorksheet("survey"));
        writeChoices(form, workbook.newWorksheet("choices"), l -> l.file() == null && !l.isExternal(), "");
        if (form.choiceLists().values().stream().anyMatch(ChoiceList::isExternal)) {
            writeChoices(form, workbook.newWorksheet("external_choices"), ChoiceList::isExternal,
                    ChoiceList.EXTERNAL);
        }
        writeSettings(form, workbook.newWorksheet("settings"));
        workbook.finish();
    }

    /** A survey column: its header and how a row's cell is computed from a question, group or repeat. */
    private record Column(String header, Function<Item, String> cell) {}

    private static void writeSurvey(Form form, Worksheet sheet) {
        List<Item> all = new ArrayList<>();
        flatten(form.items(), all);
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("type", i -> typeOf(form, i)));
        columns.add(new Column("name", Item::name));
        addTexts(form, columns, all, "label", Item::label);
        addTexts(form, columns, all, "hint", i -> i instanceof Question q ? q.hint() : Text.NONE);
        addColumn(columns, all, "required", i -> i instanceof Question q ? yesOrExpression(q.required()) : null);
        addTexts(form, columns, all, "required_message",
                i -> i instanceof Question q ? q.requiredMessage() : Text.NONE);
        addColumn(columns, all, "relevant", Item::relevant);
        addColumn(columns, all, "constraint", i -> i instanceof Question q ? q.constraint() : null);
        addTexts(form, columns, all, "constraint_message",
                i -> i instanceof Question q ? q.constraintMessage() : Text.NONE);
        addColumn(columns, all, "calculation", i -> i instanceof Question q ? q.calculation() : null);
        addColumn(columns, all, "choice_filter", i -> i instanceof Question q ? q.choiceFilter() : null);
        addColumn(columns, all, "appearance", Item::appearance);
        addColumn(columns, all, "default", i -> i instanceof Question q ? q.defaultValue() : null);
        addColumn(columns, all, "read_only", i -> i instanceof Question q ? yesOrExpression(q.readOnly()) : null);
        addColumn(columns, all, "repeat_count", i -> i instanceof Repeat r ? r.count() : null);
        addColumn(columns, all, "parameters", i -> i instanceof Question q ? parameters(q) : null);
        addColumn(columns, all, "trigger", i -> i instanceof Question q ? q.trigger() : null);
        addTexts(form, columns, all, "image", i -> i instanceof Question q ? q.media().image() : Text.NONE);
        addTexts(form, columns, all, "big-image", i -> i instanceof Question q ? q.media().bigImage() : Text.NONE);
        addTexts(form, columns, all, "image_alt", i -> i instanceof Question q ? q.media().alt() : Text.NONE);

        for (int c = 0; c < columns.size(); c++) {
            sheet.value(0, c, columns.get(c).header());
        }
        int row = 1;
        for (Item item : all) {
            if (isEnd(item)) {
                sheet.value(row++, 0, item.name().substring(1));
                continue;
            }
            for (int c = 0; c < columns.size(); c++) {
                String value = columns.get(c).cell().apply(item);
                if (value != null) {
                    sheet.value(row, c, value);
                }
            }
            row++;
        }
    }

    /**
     * The parameters as written, except a range's defaults (1, 10, 1), which the reader fills in again. A range's
     * start, end and step are always kept, so the reader gives back the same map.
     */
    private static String parameters(Question q) {
        if (q.parameters().isEmpty()) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        q.parameters().forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(" ", pairs);
    }

    private static void flatten(List<Item> items, List<Item> out) {
        for (Item item : items) {
            out.add(item);
            switch (item) {
                case Group g -> {
                    flatten(g.items(), out);
                    out.add(END_GROUP);
                }
                case Repeat r -> {
                    flatten(r.items(), out);
                    out.add(r.choiceList() == null ? END_REPEAT : END_LOOP);
                }
                case Question q -> { }
            }
        }
    }

    /** Stand-in rows that close a group, repeat or loop; never part of a form. */
    private static final Item END_GROUP = endMarker("end group");
    private static final Item END_REPEAT = endMarker("end repeat");
    private static final Item END_LOOP = endMarker("end loop");

    /** A group named (after a NUL, which no name holds) for the row that ends it. */
    private static Item endMarker(String row) {
        return new Group("\u0000" + row, Text.NONE, null, null, List.of());
    }

    private static boolean isEnd(Item item) {
        return item == END_GROUP || item == END_REPEAT || item == END_LOOP;
    }

    private static String typeOf(Form form, Item item) {
        return switch (item) {
            case Group g -> "begin group";
            case Repeat r -> r.choiceList() == null ? "begin repeat" : "begin loop over " + r.choiceList();
            case Question q -> {
                if (q.type() == QuestionType.METADATA) {
                    yield q.metadata().xlsFormName();
                }
                if (!q.type().hasChoices()) {
                    yield q.type().xlsFormName();
                }
                ChoiceList list = form.choiceList(q.listName()).orElse(null);
                if (list != null && list.file() != null) {
                    yield q.type().xlsFormName() + "_from_file " + list.file();
                }
                if (list != null && list.isExternal()) {
                    yield "select_one_external " + list.name().substring(ChoiceList.EXTERNAL.length());
                }
                yield q.type().xlsFormName() + " " + q.listName() + (q.orOther() ? " or_other" : "");
            }
        };
    }

    private static String yesOrExpression(String expression) {
        return "true()".equals(expression) ? "yes" : expression;
    }

    private static void addColumn(List<Column> columns, List<Item> items, String header, Function<Item, String> cell) {
        if (items.stream().anyMatch(i -> !isEnd(i) && cell.apply(i) != null)) {
            columns.add(new Column(header, i -> isEnd(i) ? null : cell.apply(i)));
        }
    }

    private static void addTexts(Form form, List<Column> columns, List<Item> items, String key,
                                 Function<Item, Text> text) {
        Set<String> used = new LinkedHashSet<>();
        for (String language : languages(form, items, text)) {
            for (Item item : items) {
                if (!isEnd(item) && text.apply(item).byLanguage().containsKey(language)) {
                    used.add(language);
                }
            }
        }
        for (String language : used) {
            columns.add(new Column(header(key, language),
                    i -> isEnd(i) ? null : text.apply(i).byLanguage().get(language)));
        }
    }

    /** The form's languages, and any other a text uses (a picture's file may be given without a language). */
    private static Set<String> languages(Form form, List<Item> items, Function<Item, Text> text) {
        Set<String> languages = new LinkedHashSet<>(form.languages());
        for (Item item : items) {
            if (!isEnd(item)) {
                languages.addAll(text.apply(item).byLanguage().keySet());
            }
        }
        return languages;
    }

    /** Untranslated texts go in a plain column; the default language too, so the reader files them alike. */
    private static String header(String key, String language) {
        return language.isEmpty() ? key : key + "::" + language;
    }

    private static void writeChoices(Form form, Worksheet sheet, Predicate<ChoiceList> which, String prefix) {
        List<ChoiceList> lists = form.choiceLists().values().stream().filter(which).toList();
        Set<String> attributes = new LinkedHashSet<>();
        Set<String> labelLanguages = new LinkedHashSet<>();
        Set<String> imageLanguages = new LinkedHashSet<>();
        Set<String> bigLanguages = new LinkedHashSet<>();
        Set<String> altLanguages = new LinkedHashSet<>();
        for (ChoiceList list : lists) {
            for (Choice choice : list.choices()) {
                attributes.addAll(choice.attributes().keySet());
                labelLanguages.addAll(choice.label().byLanguage().keySet());
                imageLanguages.addAll(choice.media().image().byLanguage().keySet());
                bigLanguages.addAll(choice.media().bigImage().byLanguage().keySet());
                altLanguages.addAll(choice.media().alt().byLanguage().keySet());
            }
        }
        List<String> headers = new ArrayList<>(List.of("list_name", "name"));
        List<Function<Choice, String>> cells = new ArrayList<>();
        cells.add(c -> null);
        cells.add(Choice::name);
        for (String language : ordered(form, labelLanguages)) {
            headers.add(header("label", language));
            cells.add(c -> c.label().byLanguage().get(language));
        }
        for (String language : ordered(form, imageLanguages)) {
            headers.add(header("image", language));
            cells.add(c -> c.media().image().byLanguage().get(language));
        }
        for (String language : ordered(form, bigLanguages)) {
            headers.add(header("big-image", language));
            cells.add(c -> c.media().bigImage().byLanguage().get(language));
        }
        for (String language : ordered(form, altLanguages)) {
            headers.add(header("image_alt", language));
            cells.add(c -> c.media().alt().byLanguage().get(language));
        }
        for (String attribute : attributes) {
            headers.add(attribute);
            cells.add(c -> c.attributes().get(attribute));
        }
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
        }
        int row = 1;
        for (ChoiceList list : lists) {
            for (Choice choice : list.choices()) {
                sheet.value(row, 0, list.name().substring(prefix.length()));
                for (int c = 1; c < cells.size(); c++) {
                    String value = cells.get(c).apply(choice);
                    if (value != null) {
                        sheet.value(row, c, value);
                    }
                }
                row++;
            }
        }
    }

    /** Languages in the form's order, then any others. */
    private static List<String> ordered(Form form, Set<String> used) {
        List<String> out = new ArrayList<>();
        for (String language : form.languages()) {
            if (used.contains(language)) {
                out.add(language);
            }
        }
        for (String language : used) {
            if (!out.contains(language)) {
                out.add(language);
            }
        }
        return out;
    }

    /** A list read from a CSV file, written back as one: name, label and label::language, then the attributes. */
    private static String csv(Form form, ChoiceList list) {
        Set<String> languages = new LinkedHashSet<>();
        Set<String> attributes = new LinkedHashSet<>();
        for (Choice c : list.choices()) {
            languages.addAll(c.label().byLanguage().keySet());
            attributes.addAll(c.attributes().keySet());
        }
        String defaultKey = form.defaultLanguage() == null ? "" : form.defaultLanguage();
        // A list read with value= and label= parameters is named file[value,label]; its file has those columns.
        String valueColumn = "name";
        String labelColumn = "label";
        int open = list.name().lastIndexOf('[');
        if (open > 0 && list.name().endsWith("]") && list.name().indexOf(',', open) > 0) {
            int comma = list.name().indexOf(',', open);
            valueColumn = list.name().substring(open + 1, comma);
            labelColumn = list.name().substring(comma + 1, list.name().length() - 1);
        }
        List<String> header = new ArrayList<>(List.of(valueColumn, labelColumn));
        List<String> translated = new ArrayList<>();
        for (String language : ordered(form, languages)) {
            if (!language.equals(defaultKey)) {
                translated.add(language);
                header.add(labelColumn + "::" + language);
            }
        }
        header.addAll(attributes);
        StringBuilder out = new StringBuilder(csvRow(header));
        for (Choice c : list.choices()) {
            List<String> cells = new ArrayList<>();
            cells.add(c.name());
            cells.add(c.label().byLanguage().getOrDefault(defaultKey, ""));
            for (String language : translated) {
                cells.add(c.label().byLanguage().getOrDefault(language, ""));
            }
            for (String attribute : attributes) {
                cells.add(c.attributes().getOrDefault(attribute, ""));
            }
            out.append(csvRow(cells));
        }
        return out.toString();
    }

    private static String csvRow(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            quoted.add(cell.matches("[^\",\\r\\n]*") ? cell : "\"" + cell.replace("\"", "\"\"") + "\"");
        }
        return String.join(",", quoted) + "\r\n";
    }

    private static void writeSettings(Form form, Worksheet sheet) {
        List<String[]> settings = new ArrayList<>();
        settings.add(new String[] {"form_title", form.title()});
        settings.add(new String[] {"form_id", form.id()});
        if (form.version() != null) {
            settings.add(new String[] {"version", form.version()});
        }
        if (form.defaultLanguage() != null) {
            settings.add(new String[] {"default_language", form.defaultLanguage()});
        }
        if (form.allowChoiceDuplicates()) {
            settings.add(new String[] {"allow_choice_duplicates", "yes"});
        }
        for (int c = 0; c < settings.size(); c++) {
            sheet.value(0, c, settings.get(c)[0]);
            sheet.value(1, c, settings.get(c)[1]);
        }
    }
}

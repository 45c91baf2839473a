package org.barometer.forms.xlsform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.Text;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a {@link Form} as an XLSForm workbook that {@link XlsFormReader} reads back to an equal form. Only the
 * columns the form uses are written; translated texts get one column per language ({@code label::Dansk (da)}).
 */
public final class XlsFormWriter {
    private XlsFormWriter() {}

    /** The form as {@code .xlsx} bytes. */
    public static byte[] write(Form form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(form, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the form as {@code .xlsx} to the stream (not closed). */
    public static void write(Form form, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Barometer", "1.0");
        writeSurvey(form, workbook.newWorksheet("survey"));
        writeChoices(form, workbook.newWorksheet("choices"));
        writeSettings(form, workbook.newWorksheet("settings"));
        workbook.finish();
    }

    /** A survey column: its header and how a row's cell is computed from a question or group. */
    private record Column(String header, Function<Item, String> cell) {}

    private static void writeSurvey(Form form, Worksheet sheet) {
        List<Item> all = new ArrayList<>();
        flatten(form.items(), all);
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("type", XlsFormWriter::typeOf));
        columns.add(new Column("name", Item::name));
        addTexts(form, columns, all, "label", Item::label);
        addTexts(form, columns, all, "hint", i -> i instanceof Question q ? q.hint() : Text.NONE);
        addColumn(columns, all, "required", i -> i instanceof Question q ? yesOrExpression(q.required()) : null);
        addTexts(form, columns, all, "required_message", i -> i instanceof Question q ? q.requiredMessage() : Text.NONE);
        addColumn(columns, all, "relevant", Item::relevant);
        addColumn(columns, all, "constraint", i -> i instanceof Question q ? q.constraint() : null);
        addTexts(form, columns, all, "constraint_message",
                i -> i instanceof Question q ? q.constraintMessage() : Text.NONE);
        addColumn(columns, all, "calculation", i -> i instanceof Question q ? q.calculation() : null);
        addColumn(columns, all, "choice_filter", i -> i instanceof Question q ? q.choiceFilter() : null);
        addColumn(columns, all, "appearance", Item::appearance);
        addColumn(columns, all, "default", i -> i instanceof Question q ? q.defaultValue() : null);
        addColumn(columns, all, "read_only", i -> i instanceof Question q ? yesOrExpression(q.readOnly()) : null);

        for (int c = 0; c < columns.size(); c++) {
            sheet.value(0, c, columns.get(c).header());
        }
        int row = 1;
        for (Item item : all) {
            if (item == END) {
                sheet.value(row++, 0, "end group");
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

    private static void flatten(List<Item> items, List<Item> out) {
        for (Item item : items) {
            out.add(item);
            if (item instanceof Group g) {
                flatten(g.items(), out);
                out.add(END);
            }
        }
    }

    /** A stand-in row that closes a group; never part of a form. */
    private static final Item END = new Group("end", Text.NONE, null, null, List.of());

    private static String typeOf(Item item) {
        return switch (item) {
            case Group g -> "begin group";
            case Question q -> q.type().isSelect()
                    ? q.type().xlsFormName() + " " + q.listName() + (q.orOther() ? " or_other" : "")
                    : q.type().xlsFormName();
        };
    }

    private static String yesOrExpression(String expression) {
        return "true()".equals(expression) ? "yes" : expression;
    }

    private static void addColumn(List<Column> columns, List<Item> items, String header, Function<Item, String> cell) {
        if (items.stream().anyMatch(i -> i != END && cell.apply(i) != null)) {
            columns.add(new Column(header, i -> i == END ? null : cell.apply(i)));
        }
    }

    private static void addTexts(Form form, List<Column> columns, List<Item> items, String key,
                                 Function<Item, Text> text) {
        Set<String> used = new LinkedHashSet<>();
        for (String language : form.languages()) {
            for (Item item : items) {
                if (item != END && text.apply(item).byLanguage().containsKey(language)) {
                    used.add(language);
                }
            }
        }
        for (String language : used) {
            columns.add(new Column(header(form, key, language),
                    i -> i == END ? null : text.apply(i).byLanguage().get(language)));
        }
    }

    /** Untranslated texts go in a plain column; the default language too, so the reader files them alike. */
    private static String header(Form form, String key, String language) {
        return language.isEmpty() ? key : key + "::" + language;
    }

    private static void writeChoices(Form form, Worksheet sheet) {
        List<String> languages = new ArrayList<>();
        Set<String> attributes = new LinkedHashSet<>();
        for (ChoiceList list : form.choiceLists().values()) {
            for (Choice choice : list.choices()) {
                attributes.addAll(choice.attributes().keySet());
            }
        }
        for (String language : form.languages()) {
            boolean used = form.choiceLists().values().stream().flatMap(l -> l.choices().stream())
                    .anyMatch(c -> c.label().byLanguage().containsKey(language));
            if (used) {
                languages.add(language);
            }
        }
        int c = 0;
        sheet.value(0, c++, "list_name");
        sheet.value(0, c++, "name");
        for (String language : languages) {
            sheet.value(0, c++, header(form, "label", language));
        }
        for (String attribute : attributes) {
            sheet.value(0, c++, attribute);
        }
        int row = 1;
        for (ChoiceList list : form.choiceLists().values()) {
            for (Choice choice : list.choices()) {
                c = 0;
                sheet.value(row, c++, list.name());
                sheet.value(row, c++, choice.name());
                for (String language : languages) {
                    String label = choice.label().byLanguage().get(language);
                    if (label != null) {
                        sheet.value(row, c, label);
                    }
                    c++;
                }
                Map<String, String> values = choice.attributes();
                for (String attribute : attributes) {
                    String value = values.get(attribute);
                    if (value != null) {
                        sheet.value(row, c, value);
                    }
                    c++;
                }
                row++;
            }
        }
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

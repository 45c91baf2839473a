package org.barometer.app.respond;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jdbi.v3.core.Jdbi;

/**
 * A small questionnaire in Danish and English with every input kind the respondent pages draw and one routing
 * rule: the "innovation" page is asked only of workplaces that innovated. Written as a real XLSForm.
 */
public final class TestForm {
    private TestForm() {}

    static final String[] SURVEY_HEADER = {"type", "name", "label::Dansk (da)", "label::English (en)",
            "hint::English (en)", "required", "relevant", "constraint", "constraint_message::English (en)",
            "constraint_message::Dansk (da)", "appearance"};

    static final List<String[]> SURVEY = List.of(
            row("begin group", "about", "Om arbejdspladsen", "About the workplace", "", "", "", "", "", "", ""),
            row("select_one yn", "innovated", "Har arbejdspladsen indført en innovation?", "Has the workplace introduced an innovation?",
                    "An innovation is something new to the workplace.", "yes", "", "", "", "", ""),
            row("integer", "employees", "Hvor mange ansatte?", "How many employees?", "", "yes", "",
                    ". >= 1 and . <= 100000", "Between 1 and 100,000", "Mellem 1 og 100.000", ""),
            row("end group", "", "", "", "", "", "", "", "", "", ""),
            row("begin group", "innovation", "Innovationen", "The innovation", "", "", "${innovated} = 'yes'", "", "", "", ""),
            row("select_multiple kind", "kinds", "Hvilken slags?", "What kind?", "Choose all that apply.", "yes", "", "", "", "", ""),
            row("select_one tech or_other", "tech", "Teknologiens rolle", "The role of technology", "", "yes", "", "", "", "", ""),
            row("text", "description", "Beskriv innovationen", "Describe the innovation", "", "", "", "", "", "", "multiline"),
            row("end group", "", "", "", "", "", "", "", "", "", ""),
            row("begin group", "culture", "Kultur", "Culture", "", "", "", "", "", "", ""),
            row("select_one agree", "curious", "Vi er nysgerrige på ny teknologi", "We are curious about new technology", "", "yes", "", "", "", "", "likert"),
            row("select_one yn", "evaluated", "Er den evalueret?", "Has it been evaluated?", "", "", "", "", "", "", "minimal"),
            row("date", "since", "Siden hvornår?", "Since when?", "", "", "", "", "", "", ""),
            row("decimal", "share", "Andel", "Share", "", "", "", ". >= 0 and . <= 1", "Between 0 and 1", "Mellem 0 og 1", ""),
            row("name_note", "", "", "", "", "", "", "", "", "", ""),
            row("acknowledge", "consent", "Jeg bekræfter svarene", "I confirm the answers", "", "yes", "", "", "", "", ""),
            row("end group", "", "", "", "", "", "", "", "", "", ""));

    static final List<String[]> CHOICES = List.of(
            row("yn", "yes", "Ja", "Yes"), row("yn", "no", "Nej", "No"), row("yn", "dk", "Ved ikke", "Don't know"),
            row("kind", "service", "Service", "Service"), row("kind", "process", "Proces", "Process"),
            row("kind", "org", "Organisering", "Organisation"),
            row("tech", "solution", "Selve løsningen", "Itself the solution"), row("tech", "minor", "En mindre del", "A minor part"),
            row("agree", "1", "Helt uenig", "Strongly disagree"), row("agree", "2", "Uenig", "Disagree"),
            row("agree", "3", "Hverken eller", "Neither"), row("agree", "4", "Enig", "Agree"), row("agree", "5", "Helt enig", "Strongly agree"));

    private static String[] row(String... cells) {
        return cells;
    }

    public static byte[] xlsx() {
        return xlsx(SURVEY, "1");
    }

    /**
     * The same form as a new version whose first question is worded {@code innovatedEn} in English (and the
     * Danish wording marked likewise): a questionnaire replaced during fieldwork.
     */
    public static byte[] xlsxReworded(String innovatedEn, String version) {
        List<String[]> survey = new java.util.ArrayList<>();
        for (String[] r : SURVEY) {
            String[] copy = r.clone();
            if (copy[1].equals("innovated")) {
                copy[2] = copy[2] + " (" + version + ")";
                copy[3] = innovatedEn;
            }
            survey.add(copy);
        }
        return xlsx(survey, version);
    }

    /**
     * A new version of the form: each survey row as {@code row} makes it (the row's cells: type, name, labels …)
     * and only the choices {@code keepChoice} keeps (list name, value, labels).
     */
    public static byte[] xlsxVariant(java.util.function.UnaryOperator<String[]> row,
                                     java.util.function.Predicate<String[]> keepChoice, String version) {
        List<String[]> survey = SURVEY.stream().map(r -> row.apply(r.clone())).toList();
        return xlsx(survey, CHOICES.stream().filter(keepChoice).toList(), version);
    }

    private static byte[] xlsx(List<String[]> surveyRows, String version) {
        return xlsx(surveyRows, CHOICES, version);
    }

    private static byte[] xlsx(List<String[]> surveyRows, List<String[]> choiceRows, String version) {
        return workbook(SURVEY_HEADER, surveyRows, new String[] {"list_name", "name", "label::Dansk (da)", "label::English (en)"},
                choiceRows, row("Test barometer", "test_barometer", version, "Dansk (da)"));
    }

    /**
     * An XLSForm workbook: a survey and a choices sheet, each a header and rows, and a settings sheet of
     * {@code form_title}, {@code form_id}, {@code version} and {@code default_language}.
     */
    static byte[] workbook(String[] surveyHeader, List<String[]> surveyRows, String[] choicesHeader,
                           List<String[]> choiceRows, String[] settingsRow) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "barometer-test", "1.0");
            write(wb.newWorksheet("survey"), surveyHeader, surveyRows);
            write(wb.newWorksheet("choices"), choicesHeader, choiceRows);
            write(wb.newWorksheet("settings"), new String[] {"form_title", "form_id", "version", "default_language"},
                    List.<String[]>of(settingsRow));
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(Worksheet ws, String[] header, List<String[]> rows) {
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            if (cells[0].equals("name_note")) {
                ws.value(r + 1, 0, "note");
                ws.value(r + 1, 1, "name_note");
                ws.value(r + 1, 2, "Tak, ${employees} ansatte");
                ws.value(r + 1, 3, "Thank you, ${employees} employees");
                continue;
            }
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    ws.value(r + 1, c, cells[c]);
                }
            }
        }
    }

    /**
     * The same form with a follow-up on the first page: "what was new?", asked (and required) as soon as the
     * workplace says it innovated, on the same page as that question.
     */
    public static byte[] xlsxWithFollowUp() {
        List<String[]> survey = new java.util.ArrayList<>();
        for (String[] r : SURVEY) {
            survey.add(r);
            if (r[1].equals("innovated")) {
                survey.add(row("text", "what_new", "Hvad var det nye?", "What was new?", "", "yes",
                        "${innovated} = 'yes'", "", "", "", ""));
            }
        }
        return xlsx(survey, "1");
    }

    /** An edition whose questionnaire is this form; returns the edition id. */
    public static long edition(Jdbi jdbi, String name) {
        return edition(jdbi, name, xlsx());
    }

    /** An edition whose questionnaire is the XLSForm given; returns the edition id. */
    public static long edition(Jdbi jdbi, String name, byte[] xlsx) {
        return jdbi.inTransaction(h -> {
            long q = h.createQuery("""
                    INSERT INTO questionnaire (title, version, file_name, content, sha256) VALUES (?, '1', 'test.xlsx', ?, ?)
                    RETURNING id""").bind(0, "Test barometer").bind(1, xlsx).bind(2, sha256(xlsx)).mapTo(Long.class).one();
            return h.createQuery("INSERT INTO edition (name, questionnaire_id) VALUES (?, ?) RETURNING id")
                    .bind(0, name).bind(1, q).mapTo(Long.class).one();
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

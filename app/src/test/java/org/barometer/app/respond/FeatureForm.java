package org.barometer.app.respond;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.TrialEdition;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A questionnaire with what offices' forms use beyond plain questions, uploaded as a ZIP of the workbook and a
 * CSV list: a list from that file, a short range, a ranking and a randomized tick-all list on the first page;
 * a repeat the respondent counts ("add another") on the second; a {@code table-list} grid on the third.
 */
final class FeatureForm {
    private FeatureForm() {}

    static final String[] SURVEY_HEADER = {"type", "name", "label::English (en)", "label::Dansk (da)", "appearance",
            "parameters", "required"};

    static final List<String[]> SURVEY = List.of(
            new String[] {"begin group", "work", "Your workplace", "Din arbejdsplads", "field-list", "", ""},
            new String[] {"select_one_from_file units.csv", "unit", "Which kind of unit are you?", "Hvilken slags enhed er I?", "", "", "yes"},
            new String[] {"range", "satisfaction", "How satisfied are you with your tools?", "Hvor tilfredse er I med jeres værktøjer?", "", "start=1 end=5 step=1", "yes"},
            new String[] {"rank priorities", "priorities", "Rank what matters most", "Rangordn det vigtigste", "", "", "yes"},
            new String[] {"select_multiple tools", "tools", "Which tools do you use?", "Hvilke værktøjer bruger I?", "", "randomize=true", "yes"},
            new String[] {"end group", "", "", "", "", "", ""},
            new String[] {"begin repeat", "projects", "Project", "Projekt", "", "", ""},
            new String[] {"text", "project_name", "Name of the project", "Projektets navn", "", "", "yes"},
            new String[] {"end repeat", "", "", "", "", "", ""},
            new String[] {"begin group", "ratings", "How do you rate", "Hvordan vurderer I", "table-list", "", ""},
            new String[] {"select_one grade", "speed", "Speed", "Hastighed", "", "", "yes"},
            new String[] {"select_one grade", "cost", "Cost", "Omkostning", "", "", "yes"},
            new String[] {"end group", "", "", "", "", "", ""});

    static final List<String[]> CHOICES = List.of(
            new String[] {"priorities", "quality", "Quality", "Kvalitet"},
            new String[] {"priorities", "speed", "Speed", "Hastighed"},
            new String[] {"priorities", "cost", "Cost", "Omkostning"},
            new String[] {"tools", "mail", "E-mail", "E-mail"},
            new String[] {"tools", "chat", "Chat", "Chat"},
            new String[] {"tools", "video", "Video meetings", "Videomøder"},
            new String[] {"tools", "wiki", "A wiki", "En wiki"},
            new String[] {"tools", "planner", "A planning tool", "Et planlægningsværktøj"},
            new String[] {"tools", "ai", "An AI assistant", "En AI-assistent"},
            new String[] {"grade", "good", "Good", "God"},
            new String[] {"grade", "fair", "Fair", "Rimelig"},
            new String[] {"grade", "poor", "Poor", "Dårlig"});

    static final String UNITS_CSV = "name,label\nschool,A school\ncare,Elderly care\noffice,An administrative office\n";

    /** The workbook. */
    static byte[] xlsx() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "barometer-test", "1.0");
            Worksheet survey = wb.newWorksheet("survey");
            write(survey, SURVEY_HEADER, SURVEY);
            Worksheet choices = wb.newWorksheet("choices");
            write(choices, new String[] {"list_name", "name", "label::English (en)", "label::Dansk (da)"}, CHOICES);
            Worksheet settings = wb.newWorksheet("settings");
            write(settings, new String[] {"form_title", "form_id", "version", "default_language"},
                    List.<String[]>of(new String[] {"Feature test", "feature_test", "1", "English (en)"}));
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The ZIP an office uploads: the workbook and the CSV file its list comes from. */
    static byte[] zip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("feature-test.xlsx", xlsx());
        entries.put("media/units.csv", UNITS_CSV.getBytes(StandardCharsets.UTF_8));
        return TrialEdition.zipBytes(entries);
    }

    private static void write(Worksheet ws, String[] header, List<String[]> rows) {
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    ws.value(r + 1, c, cells[c]);
                }
            }
        }
    }
}

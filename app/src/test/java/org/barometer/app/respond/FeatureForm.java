package org.barometer.app.respond;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.testing.TrialEdition;

/**
 * A questionnaire with what offices' forms use beyond plain questions, uploaded as a ZIP of the workbook and a
 * CSV list: a list from that file, a short range, a ranking and a randomized tick-all list on the first page;
 * a repeat the respondent counts ("add another") on the second; a {@code table-list} grid on the third. The range
 * has a picture (from the ZIP) with its alternative text. A last page thanks the respondent by the unit's label,
 * which {@code pulldata()} reads from the CSV file.
 */
public final class FeatureForm {
    private FeatureForm() {}

    static final String[] SURVEY_HEADER = {"type", "name", "label::English (en)", "label::Dansk (da)", "appearance",
            "parameters", "required", "image", "image_alt::English (en)", "image_alt::Dansk (da)", "calculation"};

    static final List<String[]> SURVEY = List.of(
            new String[] {"begin group", "work", "Your workplace", "Din arbejdsplads", "field-list", "", ""},
            new String[] {"select_one_from_file units.csv", "unit", "Which kind of unit are you?", "Hvilken slags enhed er I?", "", "", "yes"},
            new String[] {"range", "satisfaction", "How satisfied are you with your tools?", "Hvor tilfredse er I med jeres værktøjer?", "", "start=1 end=5 step=1", "yes",
                    "toolbox.png", "A toolbox", "En værktøjskasse"},
            new String[] {"rank priorities", "priorities", "Rank what matters most", "Rangordn det vigtigste", "", "", "yes"},
            new String[] {"select_multiple tools", "tools", "Which tools do you use?", "Hvilke værktøjer bruger I?", "", "randomize=true", "yes"},
            new String[] {"end group", "", "", "", "", "", ""},
            new String[] {"begin repeat", "projects", "Project", "Projekt", "", "", ""},
            new String[] {"text", "project_name", "Name of the project", "Projektets navn", "", "", "yes"},
            new String[] {"end repeat", "", "", "", "", "", ""},
            new String[] {"begin group", "ratings", "How do you rate", "Hvordan vurderer I", "table-list", "", ""},
            new String[] {"select_one grade", "speed", "Speed", "Hastighed", "", "", "yes"},
            new String[] {"select_one grade", "cost", "Cost", "Omkostning", "", "", "yes"},
            new String[] {"end group", "", "", "", "", "", ""},
            new String[] {"calculate", "unit_label", "", "", "", "", "", "", "", "",
                    "pulldata('units', 'label', 'name', ${unit})"},
            new String[] {"note", "thanks", "Thank you for answering for your ${unit_label}.", "Tak, fordi I svarede for jeres ${unit_label}.", "", "", ""});

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

    /** A picture of 3 × 2 pixels, as a PNG file. */
    static final byte[] PICTURE = png();

    private static byte[] png() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x336699);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The workbook. */
    static byte[] xlsx() {
        return TestForm.workbook(SURVEY_HEADER, SURVEY, new String[] {"list_name", "name", "label::English (en)",
                "label::Dansk (da)"}, CHOICES, new String[] {"Feature test", "feature_test", "1", "English (en)"});
    }

    /** The ZIP an office uploads: the workbook and the CSV file its list comes from. */
    public static byte[] zip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("feature-test.xlsx", xlsx());
        entries.put("media/units.csv", UNITS_CSV.getBytes(StandardCharsets.UTF_8));
        entries.put("media/toolbox.png", PICTURE);
        return TrialEdition.zipBytes(entries);
    }
}

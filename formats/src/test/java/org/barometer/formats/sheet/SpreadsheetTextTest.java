package org.barometer.formats.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetTextTest {

    /** How a spreadsheet program splits a CSV line at its separator, honouring quotes (as Excel and LibreOffice do). */
    static List<String> split(String line, char separator) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c != '\r' && c != '\n') {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** What a program that ignores quotes sees: the value cut at every separator. */
    static List<String> splitIgnoringQuotes(String value, char separator) {
        return Arrays.asList(value.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1));
    }

    static boolean formula(String cell) {
        String c = cell.startsWith("\"") ? cell.substring(1) : cell;
        return !c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?");
    }

    @Test
    void noCellBecomesAFormulaWhateverTheSeparatorOfTheReader() {
        List<String> hostile = List.of("Kommentar;=cmd|' /C calc'!A0", "=1+1", "a,=HYPERLINK(\"x\")",
                "ok\t+SUM(A1)", "x|@A1", "line\n-2+3", "@SUM(1)", "fine;but;=bad", "＝1+1");
        for (char separator : new char[] {',', ';', '\t'}) {
            String line = SpreadsheetText.csvLine(hostile);
            List<String> cells = split(line, separator);
            assertThat(cells).as("split on '%s'", separator).noneMatch(SpreadsheetTextTest::formula);
            for (String value : hostile) {
                for (String piece : splitIgnoringQuotes(SpreadsheetText.neutralise(value), separator)) {
                    assertThat(formula(piece)).as("%s split on '%s' without quotes: %s", value, separator, piece)
                            .isFalse();
                }
            }
        }
        // read the way it was meant (comma-separated, quotes honoured), each value comes back with its marks
        assertThat(split(SpreadsheetText.csvLine(hostile), ',').getFirst()).isEqualTo("Kommentar;'=cmd|' /C calc'!A0");
    }

    @Test
    void numbersAndOrdinaryTextAreLeftAlone() {
        assertThat(SpreadsheetText.neutralise("-3")).isEqualTo("-3");
        assertThat(SpreadsheetText.neutralise("2.5e-3")).isEqualTo("2.5e-3");
        assertThat(SpreadsheetText.neutralise("Nye services")).isEqualTo("Nye services");
        assertThat(SpreadsheetText.neutralise(null)).isEmpty();
        assertThat(SpreadsheetText.csvField("plain")).isEqualTo("plain");
        assertThat(SpreadsheetText.csvField("a;b")).isEqualTo("\"a;b\"");
        assertThat(SpreadsheetText.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}

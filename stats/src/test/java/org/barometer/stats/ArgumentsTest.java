package org.barometer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one argument checker: each check refuses with {@code place: problem} naming the bad value, or passes it on. */
class ArgumentsTest {

    @Test
    void surveyInputExceptionIsMadeOnlyInArguments() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        Pattern made = Pattern.compile("new\\s+(org\\.barometer\\.stats\\.)?SurveyInputException\\s*\\(");
        List<String> outside = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (name.equals("Arguments.java") || name.equals("SurveyInputException.java")) continue;
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (made.matcher(lines.get(i)).find()) outside.add(main.relativize(f) + ":" + (i + 1));
                }
            }
        }
        assertThat(outside).as("SurveyInputException made outside Arguments").isEmpty();
    }

    @Test
    void refusedWithCauseKeepsTheFormatAndTheCause() {
        IOException io = new IOException("disk gone");
        SurveyInputException e = Arguments.refused("data.csv", "cannot be read: disk gone", io);
        assertThat(e).hasMessage("data.csv: cannot be read: disk gone").hasCause(io);
    }

    @Test
    void cannotComputeNamesThePlace() {
        assertThat(Arguments.cannotCompute("stratum st=a", "only one PSU (lonely PSU rule 'fail')"))
                .isInstanceOf(SurveyInputException.class)
                .hasMessage("stratum st=a: only one PSU (lonely PSU rule 'fail')");
    }

    @Test
    void unknownNamesTheNameAndTheKnownOnes() {
        assertThat(Arguments.unknown("variable 'g'", "category", "z", List.of("x", "y")))
                .hasMessage("variable 'g': unknown category 'z'; expected one of x, y");
    }

    @Test
    void nonNegativeValues() {
        double[] ok = {0, 1.5, 2};
        assertThat(Arguments.requireNonNegative("w", ok)).isSameAs(ok);
        assertThatThrownBy(() -> Arguments.requireNonNegative("w", new double[] {1, -2}))
                .isInstanceOf(SurveyInputException.class).hasMessage("w, row 2: -2.0 is not a finite number >= 0");
        assertThatThrownBy(() -> Arguments.requireNonNegative("w", new double[] {Double.POSITIVE_INFINITY}))
                .hasMessage("w, row 1: Infinity is not a finite number >= 0");
    }

    @Test
    void integerInRange() {
        assertThat(Arguments.requireInRange("code", -1, -1, 2)).isEqualTo(-1);
        assertThat(Arguments.requireInRange("code", 2, -1, 2)).isEqualTo(2);
        assertThatThrownBy(() -> Arguments.requireInRange("code", 3, -1, 2)).isInstanceOf(SurveyInputException.class)
                .hasMessage("code: 3 is not in [-1, 2]");
    }

    @Test
    void weights() {
        double[] ok = {0, 3};
        assertThat(Arguments.requireWeights("weights", ok, 2)).isSameAs(ok);
        assertThatThrownBy(() -> Arguments.requireWeights("weights", null, 2)).isInstanceOf(SurveyInputException.class)
                .hasMessage("weights: not given");
        assertThatThrownBy(() -> Arguments.requireWeights("weights", new double[3], 2))
                .hasMessage("weights: 3 values for 2 rows");
        assertThatThrownBy(() -> Arguments.requireWeights("weights", new double[] {1, Double.NaN}, 2))
                .hasMessage("weights, row 2: NaN is not a finite number >= 0");
    }

    @Test
    void distinctValues() {
        List<String> ok = List.of("a", "b");
        assertThat(Arguments.requireDistinct("levels", ok)).isSameAs(ok);
        assertThatThrownBy(() -> Arguments.requireDistinct("levels", List.of("a", "b", "a")))
                .isInstanceOf(SurveyInputException.class).hasMessage("levels: 'a' is given twice");
    }
}

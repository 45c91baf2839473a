package org.barometer.stats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.barometer.stats.RScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linear calibration of replicate weights where one replicate leaves a category without rows: category a lives
 * in the first PSU only, so the jackknife replicate that drops it has calibration equations that are singular
 * (the intercept is the sum of the other categories' columns). R's {@code calibrate} refuses them through its
 * {@code solve}; the engine refuses them too, naming the replicate and R's message, instead of answering with
 * numbers made of rounding noise. (Bootstrap replicates meet this more often: a draw can miss a category.)
 */
class SingularReplicateCalibrationTest {
    @TempDir
    Path dir;

    @Test
    void aReplicateWithoutACategorysRowsIsRefusedAsR() throws IOException {
        StringBuilder csv = new StringBuilder("psu,w,x,y,grp\n");
        for (int i = 0; i < 24; i++) {
            int psu = 1 + i / 4;
            String grp = psu == 1 ? "a" : i % 2 == 0 ? "b" : "c";
            csv.append(psu).append(',').append(2 + i % 3).append(',').append(1 + (i * 7) % 5).append(',')
                    .append(10 + (i * 3) % 7).append(',').append(grp).append('\n');
        }
        Path data = dir.resolve("d.csv");
        Files.writeString(data, csv);
        String p = data.toString().replace("\\", "/");
        RScript.Output r = RScript.run("d <- read.csv('" + p + "'); d$grp <- factor(d$grp)\n"
                + "des <- as.svrepdesign(svydesign(ids = ~psu, weights = ~w, data = d), type = 'JK1')\n"
                + "e('cal', { calibrate(des, ~grp + x, c(`(Intercept)` = 70, grpb = 25, grpc = 25, x = 200)); o('cal', 1) })\n");
        assertThat(r.values()).as("R calibrated").doesNotContainKey("cal");
        assertThat(r.errors().get("cal")).as("R's refusal").contains("singular");
        CliRun run = CliRun.ofText(dir, "{\"data\": \"" + p + "\", \"design\": {\"ids\": \"psu\", \"weights\": \"w\"},"
                + " \"replicates\": {\"type\": \"JK1\"}, \"calibration\": {\"calibrate\": {\"formula\": [\"grp\", \"x\"],"
                + " \"population\": {\"(Intercept)\": 70, \"grpb\": 25, \"grpc\": 25, \"x\": 200}}},"
                + " \"estimates\": [{\"mean\": \"y\"}]}");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains("calibration.calibrate: the calibration equations of replicate 1: ")
                .contains("singular (R: system is");
    }
}

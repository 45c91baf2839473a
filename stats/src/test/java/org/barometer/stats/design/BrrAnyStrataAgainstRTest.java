package org.barometer.stats.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.barometer.stats.RScript;
import org.barometer.stats.data.DataTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Balanced repeated replication for every number of strata against R survey 4.1-1 run inline: the engine's
 * Hadamard matrices equal R's {@code hadamard(n)} entry for entry for n = 0..200 (stored matrices of orders 28
 * and 36, Paley's construction, doubling), and the replicate factors the engine makes from a design with 1..80
 * strata (some strata of 4 or 6 PSUs, which R splits into pairs; labels whose text order is not their numeric
 * order) equal the columns of R's {@code as.svrepdesign(design, type = "BRR")} exactly. R compares the two and
 * prints the number of differing entries; the test asserts it is zero and that the sizes agree.
 */
class BrrAnyStrataAgainstRTest {
    @TempDir
    Path dir;

    private static final int MAX_MATRIX = 200;
    private static final int MAX_STRATA = 80;

    @Test
    void hadamardMatricesAreRsForEveryNumberOfStrata() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int n = 0; n <= MAX_MATRIX; n++) {
            for (int[] row : Hadamard.forStrata(n)) {
                lines.append(n).append(' ');
                for (int v : row) lines.append(v);
                lines.append('\n');
            }
        }
        Path file = dir.resolve("engine-hadamard.txt");
        Files.writeString(file, lines);
        RScript.Output out = RScript.run("""
                L <- strsplit(readLines('%s'), ' ')
                ns <- as.integer(sapply(L, `[`, 1)); rows <- sapply(L, `[`, 2)
                for (n in 0:%d) {
                  J <- do.call(rbind, lapply(strsplit(rows[ns == n], ''), as.integer))
                  H <- survey:::hadamard(n)
                  o(paste0('rows', n), nrow(H)); o(paste0('cols', n), ncol(H))
                  o(paste0('diff', n), if (identical(dim(H), dim(J))) sum(H != J) else -1)
                }
                """.formatted(path(file), MAX_MATRIX));
        List<Integer> paleyOrders = new ArrayList<>();
        for (int n = 0; n <= MAX_MATRIX; n++) {
            int[][] h = Hadamard.forStrata(n);
            assertThat(h.length).as("rows of hadamard(%d)", n).isEqualTo((int) out.get("rows" + n));
            assertThat(h[0].length).as("columns of hadamard(%d)", n).isEqualTo((int) out.get("cols" + n));
            assertThat(out.get("diff" + n)).as("entries of hadamard(%d) that differ from R's", n).isZero();
            assertThat(h.length).as("hadamard(%d) has a row for every stratum besides the first", n)
                    .isGreaterThan(n);
            if (Integer.bitCount(h.length) != 1) paleyOrders.add(h.length);
        }
        // the comparison covers the routes other than doubling the 4: the stored 28 and 36, Paley's orders
        assertThat(paleyOrders).as("orders not made by doubling").contains(12, 20, 24, 28, 36, 44, 48, 56, 60);
    }

    @Test
    void brrReplicateFactorsAreRsForOneToEightyStrata() throws IOException {
        StringBuilder r = new StringBuilder("res <- c()\n");
        for (int n = 1; n <= MAX_STRATA; n++) {
            Path csv = dir.resolve("brr" + n + ".csv");
            Files.writeString(csv, sample(n));
            DataTable t = DataTable.readCsv(csv);
            Design d = Design.builder(t).ids("psu").strata("str").weights("w").build();
            ReplicateDesign brr = ReplicateDesign.fromDesign(d, ReplicateType.BRR, 0, false);
            StringBuilder f = new StringBuilder();
            for (int i = 0; i < t.rowCount(); i++) {
                for (int k = 0; k < brr.replicateCount(); k++) {
                    f.append(k > 0 ? "," : "").append(brr.replicateWeights(k)[i] / brr.weight(i));
                }
                f.append('\n');
            }
            Path factors = dir.resolve("engine" + n + ".csv");
            Files.writeString(factors, f);
            r.append("local({ d <- read.csv('").append(path(csv)).append("', colClasses = c(str = 'character'))\n")
                    .append("rd <- as.svrepdesign(svydesign(ids = ~psu, strata = ~str, weights = ~w, data = d),"
                            + " type = 'BRR')\n")
                    .append("R <- as.matrix(rd$repweights); J <- as.matrix(read.csv('").append(path(factors))
                    .append("', header = FALSE))\n")
                    .append("o('reps").append(n).append("', ncol(R)); o('scale").append(n).append("', rd$scale)\n")
                    .append("o('diff").append(n).append("', if (identical(dim(unname(R)), dim(unname(J))))"
                            + " sum(R != J) else -1) })\n");
            // the scale is R's 1/R for BRR
            assertThat(brr.scale()).isEqualTo(1.0 / brr.replicateCount());
        }
        RScript.Output out = RScript.run(r.toString());
        for (int n = 1; n <= MAX_STRATA; n++) {
            Design d = Design.builder(DataTable.readCsv(dir.resolve("brr" + n + ".csv"))).ids("psu").strata("str")
                    .weights("w").build();
            ReplicateDesign brr = ReplicateDesign.fromDesign(d, ReplicateType.BRR, 0, false);
            assertThat(brr.replicateCount()).as("replicates for %d strata", n).isEqualTo((int) out.get("reps" + n));
            RScript.close("scale for " + n + " strata", brr.scale(), out.get("scale" + n), 1e-15);
            assertThat(out.get("diff" + n)).as("replicate factors for %d strata that differ from R's", n).isZero();
        }
    }

    /**
     * {@code n} strata labelled s1, s2, ... (so that s10 sorts before s2, as R orders them), every seventh of 4
     * and every eleventh of 6 PSUs (split into pairs), the rest of 2; PSUs of 1 to 3 rows, in an order that
     * interleaves the strata; weights vary.
     */
    private static String sample(int n) {
        StringBuilder csv = new StringBuilder("str,psu,w,y\n");
        int psu = 0;
        List<String> rows = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            int psus = s % 11 == 0 ? 6 : s % 7 == 0 ? 4 : 2;
            for (int c = 0; c < psus; c++) {
                psu++;
                for (int k = 0; k <= (s + c) % 3; k++) {
                    rows.add("s" + s + "," + psu + "," + (1 + (s * 7 + c * 3 + k) % 5) + "," + (s + c + k));
                }
            }
        }
        // interleave: rows in an order that is not stratum by stratum (first appearances decide PSU order)
        for (int i = 0; i < rows.size(); i += 2) csv.append(rows.get(i)).append('\n');
        for (int i = 1; i < rows.size(); i += 2) csv.append(rows.get(i)).append('\n');
        return csv.toString();
    }

    private static String path(Path p) {
        return p.toString().replace("\\", "/");
    }
}

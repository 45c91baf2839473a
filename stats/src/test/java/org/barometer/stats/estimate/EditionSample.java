package org.barometer.stats.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.barometer.stats.data.Column;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.data.NumericColumn;

/**
 * A generated stratified sample of one edition of a survey: strata {@code s1..s3} drawn without replacement
 * ({@code fpc} the stratum's population size, {@code w = N_h / n_h}), a numeric {@code y}, a yes/no {@code v},
 * and {@code sex}, {@code age} (for calibration) and {@code region} (a domain). The same rows as a table and as
 * CSV text for R.
 */
record EditionSample(DataTable table, String csv) {
    static final int[] POPULATION = {800, 1500, 2500};

    /** {@code sizes[h]} rows in stratum h; {@code shift} moves y and the chance of v = yes. */
    static EditionSample generate(int edition, int[] sizes, double shift, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 0;
        for (int s : sizes) n += s;
        String[] stratum = new String[n];
        double[] fpc = new double[n];
        double[] w = new double[n];
        double[] y = new double[n];
        String[] v = new String[n];
        String[] sex = new String[n];
        String[] age = new String[n];
        String[] region = new String[n];
        StringBuilder csv = new StringBuilder("edition,stratum,fpc,w,y,v,sex,age,region\n");
        int i = 0;
        for (int h = 0; h < sizes.length; h++) {
            for (int k = 0; k < sizes[h]; k++, i++) {
                stratum[i] = "s" + (h + 1);
                fpc[i] = POPULATION[h];
                w[i] = (double) POPULATION[h] / sizes[h];
                boolean male = rnd.nextDouble() < 0.45 + 0.05 * h;
                int a = rnd.nextInt(3);
                sex[i] = male ? "m" : "f";
                age[i] = "a" + (a + 1);
                region[i] = rnd.nextDouble() < 0.4 ? "north" : "south";
                y[i] = Math.round((40 + 8 * h + 4 * a + (male ? 3 : 0) + shift + 9 * gaussian(rnd)) * 100) / 100.0;
                v[i] = rnd.nextDouble() < 0.3 + 0.1 * h + 0.05 * a + shift / 100 ? "yes" : "no";
                csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s%n", edition, stratum[i],
                        Double.toString(fpc[i]), Double.toString(w[i]), Double.toString(y[i]), v[i], sex[i], age[i],
                        region[i]));
            }
        }
        List<Column> cols = new ArrayList<>();
        cols.add(FactorColumn.ofText("stratum", stratum));
        cols.add(new NumericColumn("fpc", fpc));
        cols.add(new NumericColumn("w", w));
        cols.add(new NumericColumn("y", y));
        cols.add(FactorColumn.ofText("v", v));
        cols.add(FactorColumn.ofText("sex", sex));
        cols.add(FactorColumn.ofText("age", age));
        cols.add(FactorColumn.ofText("region", region));
        return new EditionSample(DataTable.of(cols), csv.toString());
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double t = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * t);
    }
}

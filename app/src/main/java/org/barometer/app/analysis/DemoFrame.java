package org.barometer.app.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic register of public workplaces behind the demo edition: about 14,300 workplaces by
 * government level × area (industry) × size group, in the proportions of the real Danish frame (most
 * workplaces are municipal; childcare, schools and elderly care are the largest areas). Columnar: one
 * array per variable, one position per workplace.
 *
 * @param govLevel  0 state, 1 region, 2 municipality
 * @param area      index into {@link #AREAS}
 * @param sizeGroup 0 "3–9 employees", 1 "10–49", 2 "50 or more"
 */
public record DemoFrame(int[] govLevel, int[] area, int[] sizeGroup) {

    public static final List<String> GOV_LEVELS = List.of("state", "region", "municipality");
    public static final List<String> AREAS = List.of("administration", "judiciary", "education", "health",
            "elderly_disabled", "childcare", "other");
    public static final List<String> SIZE_GROUPS = List.of("3-9", "10-49", "50+");

    /** Workplaces per government level (rows) and area (columns). */
    static final int[][] COUNTS = {
            {700, 350, 450, 0, 0, 0, 500},
            {150, 0, 100, 650, 200, 0, 0},
            {900, 0, 2300, 900, 2600, 3800, 700},
    };
    /** Share of each size group by government level: state and regions have larger workplaces. */
    static final double[][] SIZE_SHARES = {
            {0.30, 0.40, 0.30},
            {0.25, 0.40, 0.35},
            {0.45, 0.40, 0.15},
    };

    /** The frame, always the same: it is part of the demo edition's definition, not random. */
    public static DemoFrame standard() {
        List<int[]> units = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            for (int a = 0; a < AREAS.size(); a++) {
                int total = COUNTS[g][a];
                int assigned = 0;
                for (int s = 0; s < 3; s++) {
                    int count = s == 2 ? total - assigned : (int) Math.round(total * SIZE_SHARES[g][s]);
                    assigned += count;
                    for (int i = 0; i < count; i++) {
                        units.add(new int[] {g, a, s});
                    }
                }
            }
        }
        int n = units.size();
        int[] gov = new int[n];
        int[] area = new int[n];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            gov[i] = units.get(i)[0];
            area[i] = units.get(i)[1];
            size[i] = units.get(i)[2];
        }
        return new DemoFrame(gov, area, size);
    }

    public int size() {
        return govLevel.length;
    }

    /** The stratum of a workplace: government level × area × size group, as one number. */
    public int stratum(int unit) {
        return stratumOf(govLevel[unit], area[unit], sizeGroup[unit]);
    }

    public static int stratumOf(int gov, int area, int size) {
        return (gov * AREAS.size() + area) * SIZE_GROUPS.size() + size;
    }

    public static int stratumCount() {
        return GOV_LEVELS.size() * AREAS.size() * SIZE_GROUPS.size();
    }

    /** A readable name of a stratum, e.g. "municipality/childcare/10-49". */
    public static String stratumName(int stratum) {
        int size = stratum % SIZE_GROUPS.size();
        int area = (stratum / SIZE_GROUPS.size()) % AREAS.size();
        int gov = stratum / (SIZE_GROUPS.size() * AREAS.size());
        return GOV_LEVELS.get(gov) + "/" + AREAS.get(area) + "/" + SIZE_GROUPS.get(size);
    }

    /** The number of workplaces in each stratum (zero for combinations that do not exist). */
    public int[] stratumCounts() {
        int[] counts = new int[stratumCount()];
        for (int i = 0; i < size(); i++) {
            counts[stratum(i)]++;
        }
        return counts;
    }
}

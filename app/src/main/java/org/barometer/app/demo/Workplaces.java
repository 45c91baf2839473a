package org.barometer.app.demo;

import java.util.List;
import org.barometer.app.frame.FrameUnit;

/**
 * The demo frame's workplaces as the population model sees them: columnar, one position per workplace in frame
 * order, with the government level, the area and one of three size classes (the model does not tell 50–249 from
 * 250+ employees: both are "large").
 *
 * @param govLevel  index into {@link #GOV_LEVELS}
 * @param area      index into {@link #AREAS} (the frame's area codes, in their order)
 * @param sizeGroup 0 "3–9 employees", 1 "10–49", 2 "50 or more"
 */
record Workplaces(int[] govLevel, int[] area, int[] sizeGroup) {

    static final List<String> GOV_LEVELS = List.of("state", "region", "municipality");
    static final List<String> AREAS = List.of("public_administration", "judiciary", "education", "health",
            "elderly_disabled_care", "childcare", "other");
    static final int SIZE_CLASSES = 3;

    /** The model's view of a frame's workplaces, in the frame's order. */
    static Workplaces of(List<FrameUnit> units) {
        int n = units.size();
        int[] gov = new int[n];
        int[] area = new int[n];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            FrameUnit u = units.get(i);
            gov[i] = indexOf(GOV_LEVELS, u.governmentLevel());
            area[i] = indexOf(AREAS, u.area());
            size[i] = switch (u.sizeGroup()) {
                case "3-9" -> 0;
                case "10-49" -> 1;
                default -> 2;
            };
        }
        return new Workplaces(gov, area, size);
    }

    private static int indexOf(List<String> values, String value) {
        int i = values.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("Unknown value '" + value + "'; expected one of " + values);
        }
        return i;
    }

    int size() {
        return govLevel.length;
    }

    /** The model's stratum of a workplace (government level × area × size class), as one number. */
    int stratum(int unit) {
        return (govLevel[unit] * AREAS.size() + area[unit]) * SIZE_CLASSES + sizeGroup[unit];
    }
}

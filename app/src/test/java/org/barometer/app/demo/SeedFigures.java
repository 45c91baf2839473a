package org.barometer.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every share the 2018–19 Innovation Barometer published (the seed's FIGURES.md), each with the domain
 * and the answer it is a share of, written against the demo edition's variables. The demo edition is
 * judged by these: its 95 % intervals should contain the published values.
 */
public final class SeedFigures {

    private SeedFigures() {
    }

    /** A respondent-level condition on the answers. */
    @FunctionalInterface
    public interface Condition {
        boolean test(Map<String, int[]> answers, int respondent);
    }

    /**
     * One published share.
     *
     * @param figure    the figure's number ("1", "1b", "4", …; "–" for shares given only in the text)
     * @param series    the group compared ("all", "tech", "new", "state", …)
     * @param category  the answer
     * @param published the published percentage
     * @param domain    who the share is of
     * @param yes       who has the answer
     */
    public record Cell(String figure, String series, String category, double published, Condition domain,
                       Condition yes) {
        public String label() {
            return "figure " + figure + ", " + series + ", " + category + " (" + published + " %)";
        }
    }

    static boolean is(Map<String, int[]> a, String variable, int r, int... codes) {
        int v = a.get(variable)[r];
        for (int c : codes) {
            if (v == c) {
                return true;
            }
        }
        return false;
    }

    public static boolean innovator(Map<String, int[]> a, int r) {
        return is(a, "innovated", r, DemoModel.YES);
    }

    public static boolean tech(Map<String, int[]> a, int r) {
        return is(a, "tech_role", r, 1, 2);
    }

    /** 0 new technology, 1 known technology only, 2 non-technological; −1 when not an innovator. */
    public static int newness(Map<String, int[]> a, int r) {
        if (!innovator(a, r)) {
            return -1;
        }
        return !tech(a, r) ? 2 : is(a, "tech_new", r, 1) ? 0 : 1;
    }

    public static List<Cell> all() {
        List<Cell> cells = new ArrayList<>();
        Condition innovators = SeedFigures::innovator;
        Condition techs = SeedFigures::tech;
        Condition nonTech = (a, r) -> innovator(a, r) && !tech(a, r);
        Condition[] byNewness = {(a, r) -> newness(a, r) == 0, (a, r) -> newness(a, r) == 1, (a, r) -> newness(a, r) == 2};
        String[] newnessNames = {"new", "known", "non-tech"};

        // Figure 1: technology's part in the latest innovation
        String[] roles = {"itself a technological solution", "important part", "minor part", "not part at all"};
        double[] rolePublished = {10, 25, 34, 26};
        for (int k = 0; k < 4; k++) {
            final int code = k + 1;
            cells.add(new Cell("1", "all", roles[k], rolePublished[k], innovators, (a, r) -> is(a, "tech_role", r, code)));
        }
        cells.add(new Cell("1", "all", "don't know", 5, innovators, (a, r) -> is(a, "tech_role", r, DemoModel.DONT_KNOW)));
        String[] levels = {"state", "region", "municipality"};
        double[] techByLevel = {52, 37, 32};
        for (int g = 0; g < 3; g++) {
            final int level = g;
            cells.add(new Cell("1b", levels[g], "tech", techByLevel[g],
                    (a, r) -> innovator(a, r) && is(a, "gov_level", r, level), techs));
        }
        // Figure 3: newness
        double[] newnessPublished = {9, 25, 65};
        for (int k = 0; k < 3; k++) {
            final int group = k;
            cells.add(new Cell("3", "all", newnessNames[k], newnessPublished[k], innovators, (a, r) -> newness(a, r) == group));
        }
        // Figure 4: value created, tech vs non-tech; citizen involvement by newness
        String[] values = {"value_quality", "value_efficiency", "value_employees", "value_citizens", "value_policy"};
        double[][] valuePublished = {{60, 72}, {47, 35}, {40, 51}, {33, 28}, {31, 35}};
        for (int k = 0; k < values.length; k++) {
            String v = values[k];
            cells.add(new Cell("4", "tech", v, valuePublished[k][0], techs, (a, r) -> is(a, v, r, DemoModel.YES)));
            cells.add(new Cell("4", "non-tech", v, valuePublished[k][1], nonTech, (a, r) -> is(a, v, r, DemoModel.YES)));
        }
        double[] citizensByNewness = {27, 35, 28};
        for (int k = 0; k < 3; k++) {
            cells.add(new Cell("4", newnessNames[k], "value_citizens", citizensByNewness[k], byNewness[k],
                    (a, r) -> is(a, "value_citizens", r, DemoModel.YES)));
        }
        // Figure 5: citizens' positive role
        Condition citizensAny = (a, r) -> is(a, "citizens_initiated", r, 1) || is(a, "citizens_promoted", r, 1)
                || is(a, "citizens_collaborated", r, 1);
        cells.add(new Cell("5", "tech", "any positive role", 53, techs, citizensAny));
        cells.add(new Cell("5", "tech", "initiated", 10, techs, (a, r) -> is(a, "citizens_initiated", r, 1)));
        cells.add(new Cell("5", "tech", "promoted", 49, techs, (a, r) -> is(a, "citizens_promoted", r, 1)));
        cells.add(new Cell("5", "tech", "collaborated", 15, techs, (a, r) -> is(a, "citizens_collaborated", r, 1)));
        cells.add(new Cell("5", "non-tech", "any positive role", 59, nonTech, citizensAny));
        // Figure 6: employees promoted / inhibited, by newness
        double[][] employees = {{71, 18}, {81, 13}, {86, 8}};
        for (int k = 0; k < 3; k++) {
            cells.add(new Cell("6", newnessNames[k], "promoted", employees[k][0], byNewness[k], (a, r) -> is(a, "employee_role", r, 1)));
            cells.add(new Cell("6", newnessNames[k], "inhibited", employees[k][1], byNewness[k], (a, r) -> is(a, "employee_role", r, 2)));
        }
        // Figure 7: curiosity, all respondents
        Condition everyone = (a, r) -> true;
        cells.add(new Cell("7", "all", "agree", 79, everyone, (a, r) -> is(a, "curious", r, 3, 4)));
        cells.add(new Cell("7", "all", "disagree", 12, everyone, (a, r) -> is(a, "curious", r, 1, 2)));
        cells.add(new Cell("7", "all", "don't know", 3, everyone, (a, r) -> is(a, "curious", r, DemoModel.DONT_KNOW)));
        cells.add(new Cell("7", "all", "not applicable", 6, everyone, (a, r) -> is(a, "curious", r, DemoModel.NOT_APPLICABLE)));
        // Figure 8: partners, tech vs non-tech
        double[][] partners = {{46, 40}, {29, 12}, {20, 9}, {15, 15}, {12, 12}, {7, 7}, {6, 9}, {5, 4}, {3, 1}, {1, 1}};
        for (int j = 0; j < DemoModel.PARTNERS.length; j++) {
            String p = DemoModel.PARTNERS[j];
            cells.add(new Cell("8", "tech", p, partners[j][0], techs, (a, r) -> is(a, p, r, 1)));
            cells.add(new Cell("8", "non-tech", p, partners[j][1], nonTech, (a, r) -> is(a, p, r, 1)));
        }
        // Figures 9 and 10, and collaboration with anyone outside, by newness
        double[] sameSector = {25, 18, 9};
        double[] privateFirms = {38, 26, 12};
        double[] anyone = {84, 77, 64};
        Condition anyPartner = (a, r) -> {
            for (String p : DemoModel.PARTNERS) {
                if (is(a, p, r, 1)) {
                    return true;
                }
            }
            return false;
        };
        for (int k = 0; k < 3; k++) {
            cells.add(new Cell("9", newnessNames[k], "partner_public_same", sameSector[k], byNewness[k],
                    (a, r) -> is(a, "partner_public_same", r, 1)));
            cells.add(new Cell("10", newnessNames[k], "partner_private", privateFirms[k], byNewness[k],
                    (a, r) -> is(a, "partner_private", r, 1)));
            cells.add(new Cell("–", newnessNames[k], "any partner outside", anyone[k], byNewness[k], anyPartner));
        }
        cells.add(new Cell("–", "all", "new technology a cause", 12, innovators, (a, r) -> is(a, "cause_new_tech", r, 1)));
        cells.add(new Cell("–", "tech", "core task", 90, techs, (a, r) -> is(a, "core_task", r, 1)));
        // Public sources: share of workplaces that innovated, overall and by government level
        cells.add(new Cell("–", "all", "innovated", 81, everyone, innovators));
        double[] innovatedByLevel = {84, 85, 80};
        for (int g = 0; g < 3; g++) {
            final int level = g;
            cells.add(new Cell("–", levels[g], "innovated", innovatedByLevel[g], (a, r) -> is(a, "gov_level", r, level), innovators));
        }
        return List.copyOf(cells);
    }
}

package org.barometer.app.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo model's answers written as a respondent would have given them in the Innovation Barometer
 * questionnaire (forms module, {@code innovation-barometer-2019.xlsx}): XLSForm choice names, select-multiple
 * answers as space-separated names, numbers as text, and {@code null} for questions the routing skipped.
 * These are what the demo loader stores as submitted responses.
 */
final class DemoAnswers {

    private DemoAnswers() {
    }

    /** The partner choice names, in the order of {@link DemoModel#PARTNERS}. */
    static final String[] PARTNER_CHOICES = {"own_organisation", "private", "public_same_sector", "citizens",
            "research", "public_other_sector", "voluntary", "foundations", "foreign", "social_enterprises"};
    static final String[] AREA_CHOICES = {"administration", "judiciary", "education", "health", "care", "childcare", "other"};
    /**
     * The bound of the one draw each technological innovator's description takes from the answers' stream, where the
     * recorded publication has it (the description itself is written by {@link DemoTechnology} from its own draws).
     */
    static final int DESCRIPTION_DRAW = 15;

    /** Every workplace's answers, variable by variable (one entry per frame position). */
    public static Map<String, String[]> of(Workplaces frame, Map<String, int[]> model, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = frame.size();
        Map<String, String[]> out = new LinkedHashMap<>();
        String[] types = {"service", "process", "organisation", "communication"};
        for (String t : types) {
            out.put("inno_" + t, new String[n]);
        }
        for (String name : List.of("underway", "underway_type", "latest_type", "latest_year", "novelty", "initiators",
                "tech_role", "tech_new", "tech_description", "tech_core", "collaboration", "values", "emp_promoted",
                "emp_inhibited", "cit_promoted", "cit_inhibited", "evaluated", "spread", "cult_curious", "cult_ideas",
                "cult_failure", "cult_users", "cult_learn", "gov_level", "area", "employees", "comments")) {
            out.put(name, new String[n]);
        }
        int[] innovated = model.get("innovated");
        // the descriptions of technology are written from their own draws, so that no other answer depends on them
        SplittableRandom writing = new SplittableRandom(seed ^ 0x7EC4D35CL);
        for (int i = 0; i < n; i++) {
            boolean innovator = innovated[i] == DemoModel.YES;
            // The filter: an innovator says yes to at least one kind of innovation.
            List<String> kinds = new ArrayList<>();
            for (String t : types) {
                String answer;
                if (innovator) {
                    answer = random.nextDouble() < 0.55 ? "yes" : random.nextDouble() < 0.9 ? "no" : "dont_know";
                } else {
                    answer = random.nextDouble() < 0.93 ? "no" : "dont_know";
                }
                out.get("inno_" + t)[i] = answer;
                if ("yes".equals(answer)) {
                    kinds.add(t);
                }
            }
            if (innovator && kinds.isEmpty()) {
                String t = types[random.nextInt(types.length)];
                out.get("inno_" + t)[i] = "yes";
                kinds.add(t);
            }
            if (!innovator) {
                String underway = random.nextDouble() < 0.3 ? "yes" : random.nextDouble() < 0.9 ? "no" : "dont_know";
                out.get("underway")[i] = underway;
                if ("yes".equals(underway)) {
                    out.get("underway_type")[i] = types[random.nextInt(types.length)];
                }
            } else {
                out.get("latest_type")[i] = kinds.get(random.nextInt(kinds.size()));
                out.get("latest_year")[i] = random.nextBoolean() ? "2018" : "2019";
                out.get("novelty")[i] = pick(random, new String[] {"new", "adapted", "copied", "dont_know"},
                        new double[] {0.35, 0.45, 0.15, 0.05});
                List<String> initiators = new ArrayList<>();
                if (model.get("citizens_initiated")[i] == 1) {
                    initiators.add("citizens");
                }
                if (model.get("cause_new_tech")[i] == 1) {
                    initiators.add("new_technology");
                }
                boolean tech = model.get("tech_role")[i] == 1 || model.get("tech_role")[i] == 2;
                if (initiators.size() < 3 && random.nextDouble() < (tech ? 0.25 : 0.35)) {
                    initiators.add("employees");
                }
                if (initiators.size() < 3 && random.nextDouble() < 0.6) {
                    initiators.add("management");
                }
                if (initiators.isEmpty()) {
                    initiators.add(random.nextDouble() < 0.5 ? "politicians" : "legislation");
                }
                out.get("initiators")[i] = String.join(" ", initiators);
                int role = model.get("tech_role")[i];
                out.get("tech_role")[i] = switch (role) {
                    case 1 -> "solution";
                    case 2 -> "important";
                    case 3 -> "minor";
                    case 4 -> "none";
                    default -> "dont_know";
                };
                if (tech) {
                    int isNew = model.get("tech_new")[i];
                    out.get("tech_new")[i] = isNew == 1 ? "new" : isNew == 2 ? "known" : "dont_know";
                    random.nextInt(DESCRIPTION_DRAW);
                    out.get("tech_description")[i] = DemoTechnology.describe(writing, out.get("tech_new")[i]);
                    out.get("tech_core")[i] = model.get("core_task")[i] == 1 ? "yes" : random.nextDouble() < 0.7 ? "no" : "dont_know";
                }
                List<String> partners = new ArrayList<>();
                for (int j = 0; j < DemoModel.PARTNERS.length; j++) {
                    if (model.get(DemoModel.PARTNERS[j])[i] == 1) {
                        partners.add(PARTNER_CHOICES[j]);
                    }
                }
                out.get("collaboration")[i] = partners.isEmpty() ? "none" : String.join(" ", partners);
                List<String> values = new ArrayList<>();
                String[][] valueNames = {{"value_quality", "quality"}, {"value_efficiency", "efficiency"},
                        {"value_employees", "employee_satisfaction"}, {"value_citizens", "citizen_involvement"},
                        {"value_policy", "policy_goals"}};
                for (String[] v : valueNames) {
                    if (model.get(v[0])[i] == 1) {
                        values.add(v[1]);
                    }
                }
                out.get("values")[i] = values.isEmpty() ? "dont_know" : String.join(" ", values);
                int employees = model.get("employee_role")[i];
                String[] positive = {"great", "some"};
                String[] negative = {"small", "not_at_all"};
                switch (employees) {
                    case 1 -> {
                        out.get("emp_promoted")[i] = positive[random.nextInt(2)];
                        out.get("emp_inhibited")[i] = negative[random.nextInt(2)];
                    }
                    case 2 -> {
                        out.get("emp_promoted")[i] = negative[random.nextInt(2)];
                        out.get("emp_inhibited")[i] = positive[random.nextInt(2)];
                    }
                    case DemoModel.DONT_KNOW -> {
                        out.get("emp_promoted")[i] = "dont_know";
                        out.get("emp_inhibited")[i] = "dont_know";
                    }
                    default -> {
                        out.get("emp_promoted")[i] = "not_applicable";
                        out.get("emp_inhibited")[i] = "not_applicable";
                    }
                }
                out.get("cit_promoted")[i] = model.get("citizens_promoted")[i] == 1 ? positive[random.nextInt(2)]
                        : pick(random, new String[] {"small", "not_at_all", "dont_know", "not_applicable"},
                        new double[] {0.3, 0.4, 0.1, 0.2});
                out.get("cit_inhibited")[i] = pick(random, new String[] {"great", "some", "small", "not_at_all", "dont_know",
                        "not_applicable"}, new double[] {0.02, 0.06, 0.2, 0.5, 0.07, 0.15});
                out.get("evaluated")[i] = pick(random, new String[] {"systematic", "informal", "no", "dont_know"},
                        new double[] {0.3, 0.45, 0.2, 0.05});
                out.get("spread")[i] = pick(random, new String[] {"adopted", "shared", "no", "dont_know"},
                        new double[] {0.25, 0.3, 0.35, 0.1});
            }
            int curious = model.get("curious")[i];
            out.get("cult_curious")[i] = switch (curious) {
                case 4 -> "completely_agree";
                case 3 -> "partly_agree";
                case 2 -> "partly_disagree";
                case 1 -> "completely_disagree";
                case DemoModel.DONT_KNOW -> "dont_know";
                default -> "not_applicable";
            };
            String[] agree = {"completely_agree", "partly_agree", "partly_disagree", "completely_disagree", "dont_know",
                    "not_applicable"};
            double[] culture = {0.3, 0.45, 0.13, 0.04, 0.03, 0.05};
            for (String statement : List.of("cult_ideas", "cult_failure", "cult_users", "cult_learn")) {
                out.get(statement)[i] = pick(random, agree, culture);
            }
            out.get("gov_level")[i] = Workplaces.GOV_LEVELS.get(frame.govLevel()[i]);
            out.get("area")[i] = AREA_CHOICES[frame.area()[i]];
            int size = frame.sizeGroup()[i];
            int employeesCount = switch (size) {
                case 0 -> 3 + random.nextInt(7);
                case 1 -> 10 + random.nextInt(40);
                default -> random.nextDouble() < 0.6 ? 50 + random.nextInt(50) : 100 + random.nextInt(900);
            };
            out.get("employees")[i] = String.valueOf(employeesCount);
        }
        return out;
    }

    private static String pick(SplittableRandom random, String[] names, double[] p) {
        return names[DemoModel.pick(random, p)];
    }
}

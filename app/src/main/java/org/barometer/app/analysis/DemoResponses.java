package org.barometer.app.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Answers the demo edition's questionnaire for the sampled workplaces, as respondents would have: the
 * demo model's answers (whose population shares are the published ones) for every frame workplace, then
 * response decided per sampled workplace with a propensity that depends on its stratum (about half answer),
 * and the answers of those who do stored as submitted responses in the same table the respondent pages
 * write to.
 */
public final class DemoResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The first invitations (by id) are left unanswered: the demo prints their personal links so that anyone
     * can answer the questionnaire as a workplace manager would.
     */
    static final int LEFT_FOR_TRYING = 10;

    private DemoResponses() {
    }

    /** Stores the responses; returns how many were submitted. Does nothing when the edition has responses. */
    public static int load(Jdbi jdbi, long editionId, long seed) {
        return jdbi.inTransaction(h -> {
            int existing = h.createQuery("""
                    select count(*) from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                    where i.edition_id = :e""").bind("e", editionId).mapTo(Integer.class).one();
            if (existing > 0) {
                return 0;
            }
            List<Map<String, Object>> frame = h.createQuery("""
                    select fu.id, fu.workplace_id, fu.government_level, fu.area, fu.size_group, fu.employees, fu.language
                    from edition e join frame_unit fu on fu.frame_id = e.frame_id where e.id = :e order by fu.id""")
                    .bind("e", editionId).mapToMap().list();
            int n = frame.size();
            int[] gov = new int[n];
            int[] area = new int[n];
            int[] size = new int[n];
            Map<String, Integer> position = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> row = frame.get(i);
                gov[i] = indexOf(DemoFrame.GOV_LEVELS, (String) row.get("government_level"));
                area[i] = areaIndex((String) row.get("area"));
                size[i] = sizeIndex((String) row.get("size_group"));
                position.put((String) row.get("workplace_id"), i);
            }
            DemoFrame demoFrame = new DemoFrame(gov, area, size);
            Map<String, int[]> model = DemoModel.population(demoFrame, seed);
            Map<String, String[]> answers = DemoAnswers.of(demoFrame, model, seed);
            List<Map<String, Object>> invitations = h.createQuery(
                            "select id, workplace_id, language from fieldwork_invitation where edition_id = :e order by id")
                    .bind("e", editionId).mapToMap().list();
            SplittableRandom random = new SplittableRandom(seed + 1);
            PreparedBatch batch = h.prepareBatch("""
                    insert into respond_response (invitation_id, state, answers, language, submitted_at, saves)
                    values (:i, 'submitted', cast(:a as jsonb), :l, now(), 10)""");
            int submitted = 0;
            int seen = 0;
            for (Map<String, Object> inv : invitations) {
                if (seen++ < LEFT_FOR_TRYING) {
                    continue;
                }
                Integer i = position.get((String) inv.get("workplace_id"));
                if (i == null) {
                    continue;
                }
                int stratum = DemoFrame.stratumOf(gov[i], area[i], size[i]);
                if (random.nextDouble() >= DemoSurvey.responsePropensity(stratum)) {
                    continue;
                }
                Map<String, String> a = new LinkedHashMap<>();
                for (Map.Entry<String, String[]> e : answers.entrySet()) {
                    String v = e.getValue()[i];
                    if (v != null) {
                        a.put(e.getKey(), v);
                    }
                }
                Object employees = frame.get(i).get("employees");
                if (employees != null) {
                    a.put("employees", employees.toString());
                }
                a.put("gov_level", (String) frame.get(i).get("government_level"));
                a.put("area", DemoAnswers.AREA_CHOICES[area[i]]);
                try {
                    batch.bind("i", ((Number) inv.get("id")).longValue()).bind("a", JSON.writeValueAsString(a))
                            .bind("l", (String) inv.get("language")).add();
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                submitted++;
            }
            if (submitted > 0) {
                batch.execute();
            }
            return submitted;
        });
    }

    static int indexOf(List<String> values, String value) {
        int i = values.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("Unknown value '" + value + "'; expected one of " + values);
        }
        return i;
    }

    /** The frame's area codes, in the order of {@link DemoFrame#AREAS}. */
    static int areaIndex(String area) {
        List<String> codes = List.of("public_administration", "judiciary", "education", "health", "elderly_disabled_care",
                "childcare", "other");
        int i = codes.indexOf(area);
        return i >= 0 ? i : indexOf(DemoFrame.AREAS, area);
    }

    /** The frame's size groups onto the demo model's three (50–249 and 250+ are both "large"). */
    static int sizeIndex(String sizeGroup) {
        return switch (sizeGroup) {
            case "3-9" -> 0;
            case "10-49" -> 1;
            default -> 2;
        };
    }

    /** For callers that want the list form. */
    static List<String> names(Map<String, String[]> answers) {
        return new ArrayList<>(answers.keySet());
    }
}

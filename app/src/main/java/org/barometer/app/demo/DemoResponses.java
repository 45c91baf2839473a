package org.barometer.app.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.frame.FrameUnit;
import org.barometer.app.frame.FrameStore;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.ResponseStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's respondents: which invited workplaces answer (a propensity that depends on the stratum, so that about
 * half answer and municipal and small workplaces less often), and their answers, which the population model gives
 * every workplace of the frame. Stored as submitted responses through the response store, as responses collected
 * outside the web questionnaire are.
 */
final class DemoResponses {
    /**
     * The first invitations (by id) are left unanswered: the demo prints their personal links so that anyone
     * can answer the questionnaire as a workplace manager would.
     */
    static final int LEFT_FOR_TRYING = 10;

    /** Response propensity by government level, shifted by size class and area. */
    private static final double[] GOV_RESPONSE = {0.57, 0.58, 0.475};
    private static final double[] SIZE_RESPONSE = {-0.06, 0.0, 0.07};
    private static final double[] AREA_RESPONSE = {0.03, -0.03, 0.02, 0.0, -0.02, 0.01, -0.01};

    private DemoResponses() {
    }

    /** The response propensity of a model stratum (see {@link Workplaces#stratum}). */
    static double propensity(int stratum) {
        int size = stratum % Workplaces.SIZE_CLASSES;
        int area = (stratum / Workplaces.SIZE_CLASSES) % Workplaces.AREAS.size();
        int gov = stratum / (Workplaces.SIZE_CLASSES * Workplaces.AREAS.size());
        return GOV_RESPONSE[gov] + SIZE_RESPONSE[size] + AREA_RESPONSE[area];
    }

    /**
     * Who answers: for invited workplaces in the order they were invited (each as its frame position, or -1 when
     * it is not in the frame), whether it answers. The first {@link #LEFT_FOR_TRYING} never do.
     */
    static boolean[] answering(int[] invitedFramePositions, Workplaces workplaces, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        boolean[] answers = new boolean[invitedFramePositions.length];
        for (int k = LEFT_FOR_TRYING; k < invitedFramePositions.length; k++) {
            int i = invitedFramePositions[k];
            answers[k] = i >= 0 && random.nextDouble() < propensity(workplaces.stratum(i));
        }
        return answers;
    }

    /**
     * The submitted answers of the workplace at frame position {@code i}: the model's answers, with the register's
     * number of employees, government level and area as the questionnaire's pre-filled background questions.
     */
    static Map<String, String> answersOf(Map<String, String[]> population, List<FrameUnit> frame,
                                         Workplaces workplaces, int i) {
        Map<String, String> a = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : population.entrySet()) {
            String v = e.getValue()[i];
            if (v != null) {
                a.put(e.getKey(), v);
            }
        }
        FrameUnit unit = frame.get(i);
        if (unit.employees() != null) {
            a.put("employees", unit.employees().toString());
        }
        a.put("gov_level", unit.governmentLevel());
        a.put("area", DemoAnswers.AREA_CHOICES[workplaces.area()[i]]);
        return a;
    }

    /** Stores the responses of an edition's invited workplaces; returns how many. Nothing when it has responses. */
    static int load(Jdbi jdbi, long editionId, long seed) {
        return load(jdbi, editionId, seed, DemoVintage.CURRENT);
    }

    /** As {@link #load(Jdbi, long, long)}, the answers drawn to the shares of an edition of the series. */
    static int load(Jdbi jdbi, long editionId, long seed, DemoVintage vintage) {
        ResponseStore responses = new ResponseStore(jdbi);
        if (responses.countForEdition(editionId) > 0) {
            return 0;
        }
        Edition edition = new EditionStore(jdbi).find(editionId).orElseThrow();
        List<FrameUnit> frame = new FrameStore(jdbi).units(edition.frameId()).stream().map(FrameStore.StoredUnit::unit).toList();
        Workplaces workplaces = Workplaces.of(frame);
        Map<String, String[]> population = DemoAnswers.of(workplaces, DemoModel.population(workplaces, seed, vintage), seed);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < frame.size(); i++) {
            position.put(frame.get(i).workplaceId(), i);
        }
        List<InvitationStore.Invitation> invitations = new InvitationStore(jdbi).ofEdition(editionId);
        int[] positions = invitations.stream().mapToInt(inv -> position.getOrDefault(inv.workplaceId(), -1)).toArray();
        boolean[] answering = answering(positions, workplaces, seed);
        List<ResponseStore.Imported> submitted = new ArrayList<>();
        for (int k = 0; k < invitations.size(); k++) {
            if (answering[k]) {
                InvitationStore.Invitation inv = invitations.get(k);
                submitted.add(new ResponseStore.Imported(inv.id(), answersOf(population, frame, workplaces, positions[k]),
                        inv.language()));
            }
        }
        return responses.importSubmitted(submitted);
    }
}

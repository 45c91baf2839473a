package org.barometer.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.Editions;
import org.barometer.app.edition.Questionnaires;
import org.barometer.app.fieldwork.Invitations;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameValidator;
import org.barometer.app.frame.Frames;
import org.barometer.app.sample.AllocationException;
import org.barometer.app.sample.AllocationMethod;
import org.barometer.app.sample.Samples;
import org.jdbi.v3.core.Jdbi;

/**
 * Loads the demo edition into an empty database: the Innovation Barometer questionnaire, the synthetic frame,
 * a proportional stratified sample of 4,500 (at least 5 per stratum), and personal invitations for it.
 */
public final class DemoEdition {
    public static final String NAME = "Innovation Barometer (demo)";
    public static final String QUESTIONNAIRE = "org/barometer/forms/innovation-barometer-2019.xlsx";
    public static final int SAMPLE_SIZE = 4_500;
    public static final long SEED = 2019;

    private DemoEdition() {}

    /** What loading produced: the edition and the personal links of the sampled workplaces (new ones only). */
    public record Loaded(Edition edition, List<Invitations.IssuedLink> links, List<String> notes) {}

    private static String since(long t0) {
        return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /** The demo edition if it exists already. */
    public static Optional<Edition> find(Jdbi jdbi) {
        return new Editions(jdbi).findByName(NAME);
    }

    /** Creates the demo edition with frame, sample and invitations. */
    public static Loaded load(Jdbi jdbi) throws AllocationException, IOException {
        List<String> notes = new java.util.ArrayList<>();
        long t0 = System.nanoTime();
        Long questionnaireId = null;
        byte[] xlsx = resource(QUESTIONNAIRE);
        if (xlsx == null) {
            notes.add("questionnaire " + QUESTIONNAIRE + " is not on the class path; the demo edition has none");
        } else {
            Questionnaires.Check check = Questionnaires.check("innovation-barometer-2019.xlsx", xlsx);
            if (check.ok()) {
                questionnaireId = new Questionnaires(jdbi).store("innovation-barometer-2019.xlsx", xlsx, check.form(),
                        null).id();
            } else {
                notes.add("the questionnaire has " + check.problems().size() + " problem(s), first: "
                        + check.problems().getFirst() + "; the demo edition has none");
            }
        }
        notes.add("questionnaire read and stored after " + since(t0));
        LocalDate today = LocalDate.now();
        Edition edition = new Editions(jdbi).create(NAME, today.getYear(), today, today.plusDays(42),
                List.of("da", "en"), questionnaireId);
        var units = DemoFrame.generate(SEED);
        FrameValidator.Result frame = new FrameValidator.Result(units, List.of(), java.util.Set.of(), units.size());
        Frames.Frame stored;
        try {
            stored = new Frames(jdbi).importFrame(edition.id(), "synthetic demo frame", frame, false, null);
        } catch (Frames.ImportRefused e) {
            throw new IllegalStateException("the generated demo frame was refused: " + e.getMessage(), e);
        }
        notes.add("frame of " + units.size() + " workplaces stored after " + since(t0));
        new Samples(jdbi).draw(stored.id(), new Samples.Spec(FrameSchema.DEFAULT_STRATA,
                AllocationMethod.PROPORTIONAL, SAMPLE_SIZE, 5, Map.of(), Map.of(), SEED), null);
        notes.add("sample drawn after " + since(t0));
        List<Invitations.IssuedLink> links = new Invitations(jdbi).createForSample(edition.id());
        notes.add(links.size() + " invitations created after " + since(t0));
        return new Loaded(new Editions(jdbi).find(edition.id()).orElseThrow(), links, notes);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DemoEdition.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}

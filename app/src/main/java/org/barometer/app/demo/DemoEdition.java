package org.barometer.app.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.analysis.WeightsStore;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.edition.QuestionnaireCheck;
import org.barometer.app.edition.QuestionnaireStore;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameUnit;
import org.barometer.app.frame.FrameValidator;
import org.barometer.app.frame.FrameReport;
import org.barometer.app.frame.FrameStore;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.PublicationStore;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionFilesStore;
import org.barometer.app.publish.spec.EditionSource;
import org.barometer.app.publish.spec.EditionZip;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.sample.AllocationException;
import org.barometer.app.sample.AllocationMethod;
import org.barometer.app.sample.SampleLockedException;
import org.barometer.app.sample.SampleStore;
import org.barometer.app.sample.Sampling;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo edition, built as an office builds its own, through the same steps and the same code: the
 * questionnaire uploaded and checked, the register uploaded as a CSV file, checked and imported, a proportional
 * stratified sample of 4,500 (at least 5 per stratum) drawn, personal invitations made; then the simulated
 * respondents' answers stored, their descriptions of technology coded ({@link DemoCoding}), the edition files
 * uploaded and checked, and the edition weighted and published.
 */
public final class DemoEdition {
    public static final String NAME = DemoVintage.CURRENT.name();
    public static final int SAMPLE_SIZE = 4_500;
    /** The seed of the synthetic frame and of the sample. */
    public static final long SEED = DemoVintage.CURRENT.frameSeed();
    /** The seed of the population's answers and of who answers. */
    public static final long POPULATION_SEED = DemoVintage.CURRENT.answerSeed();
    /** The name the register is uploaded under. */
    static final String FRAME_FILE = "synthetic-demo-frame.csv";

    private DemoEdition() {}

    /** What loading produced: the edition and the personal links of the sampled workplaces. */
    public record Loaded(Edition edition, List<InvitationStore.IssuedLink> links, List<String> notes) {}

    /** What publishing did, and the version of the edition files published. */
    public record Published(int newResponses, int respondents, boolean stored, int filesVersion) {}

    /** The demo's sample design, drawn with the given seed. */
    static Sampling.Spec sampleSpec(long seed) {
        return new Sampling.Spec(FrameSchema.DEFAULT_STRATA, AllocationMethod.PROPORTIONAL, SAMPLE_SIZE, 5, Map.of(),
                Map.of(), seed);
    }

    private static String since(long t0) {
        return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /** The demo edition if it exists already. */
    public static Optional<Edition> find(Jdbi jdbi) {
        return find(jdbi, DemoVintage.CURRENT);
    }

    /** An edition of the demo's series if it exists already. */
    public static Optional<Edition> find(Jdbi jdbi, DemoVintage vintage) {
        return new EditionStore(jdbi).findByName(vintage.name());
    }

    /** Creates the demo edition with its questionnaire, frame, sample and invitations. */
    public static Loaded load(Jdbi jdbi) throws AllocationException {
        return load(jdbi, DemoVintage.CURRENT);
    }

    /**
     * Creates an edition of the demo's series with its questionnaire, frame, sample and invitations: the one taking
     * answers now, or a closed one whose fieldwork ran in its own year.
     */
    public static Loaded load(Jdbi jdbi, DemoVintage vintage) throws AllocationException {
        List<String> notes = new java.util.ArrayList<>();
        long t0 = System.nanoTime();
        LocalDate start = vintage.start(LocalDate.now());
        EditionStore editions = new EditionStore(jdbi);
        Edition edition = editions.create(vintage.name(), start.getYear(), start, start.plusDays(42),
                List.of("da", "en"), null);
        new SurveyTextStore(jdbi).replace(edition.id(), DemoFiles.texts());

        byte[] xlsx = DemoFiles.questionnaire();
        QuestionnaireCheck check = QuestionnaireCheck.of(DemoFiles.QUESTIONNAIRE, xlsx);
        if (!check.ok()) {
            throw new IllegalStateException("The demo questionnaire has problems: " + check.problems());
        }
        long questionnaireId = new QuestionnaireStore(jdbi).store(DemoFiles.QUESTIONNAIRE, xlsx, check.form(), null).id();
        editions.setQuestionnaire(edition.id(), questionnaireId);
        notes.add("questionnaire checked and stored after " + since(t0));

        List<FrameUnit> units = DemoFrame.generate(vintage.frameSeed());
        byte[] csv = DemoFrame.csv(units);
        FrameStore frames = new FrameStore(jdbi);
        FrameValidator.Result checked = FrameValidator.validate(FRAME_FILE, csv);
        long uploadId = frames.saveUpload(edition.id(), FRAME_FILE, csv, FrameReport.of(checked), null);
        FrameStore.Frame frame;
        try {
            frame = frames.importFrame(edition.id(), FRAME_FILE, checked, false, null);
        } catch (FrameStore.ImportRefused e) {
            throw new IllegalStateException("The demo frame was refused: " + e.getMessage() + " " + checked.problems(), e);
        }
        frames.deleteUpload(uploadId);
        notes.add("frame of " + frame.unitCount() + " workplaces checked and imported after " + since(t0));

        try {
            new SampleStore(jdbi).draw(frame.id(), sampleSpec(vintage.frameSeed()), null);
        } catch (SampleLockedException e) {
            throw new IllegalStateException("the new demo edition already has invitations", e);
        }
        notes.add("sample drawn after " + since(t0));
        List<InvitationStore.IssuedLink> links = new InvitationStore(jdbi).createForSample(edition.id());
        notes.add(links.size() + " invitations created after " + since(t0));
        return new Loaded(editions.find(edition.id()).orElseThrow(), links, notes);
    }

    /** Stores the simulated respondents' answers as submitted responses; nothing when the edition has responses. */
    public static int answer(Jdbi jdbi, long editionId) {
        return answer(jdbi, editionId, POPULATION_SEED);
    }

    /** As {@link #answer(Jdbi, long)}, the answers and respondents drawn with another seed (a second demo edition). */
    public static int answer(Jdbi jdbi, long editionId, long seed) {
        return DemoResponses.load(jdbi, editionId, seed);
    }

    /**
     * Codes the edition's descriptions of technology as the demo's coders do ({@link DemoCoding}), unless their
     * coding has begun; returns the answers given final codes.
     */
    public static int code(Jdbi jdbi, long editionId) {
        return DemoCoding.code(jdbi, editionId);
    }

    /**
     * The edition's current edition files, the demo's own uploaded as an analyst would when it has none, once its
     * coders have coded the answers to its open question on technology (which Figure 2 reads).
     */
    public static EditionFilesStore.Version uploadFiles(Jdbi jdbi, long editionId) throws EditionException {
        return uploadFiles(jdbi, editionId, DemoVintage.CURRENT);
    }

    /** As {@link #uploadFiles(Jdbi, long)}, the files of an edition of the series. */
    static EditionFilesStore.Version uploadFiles(Jdbi jdbi, long editionId, DemoVintage vintage) throws EditionException {
        EditionFilesStore files = new EditionFilesStore(jdbi);
        Optional<EditionFilesStore.Version> current = files.current(editionId);
        if (current.isPresent()) {
            return current.get();
        }
        DemoCoding.code(jdbi, editionId);
        EditionFilesStore.Upload upload = files.upload(editionId, DemoFiles.EDITION_FILES,
                EditionZip.write(DemoFiles.editionFiles(vintage)), null);
        if (!upload.stored()) {
            throw new EditionException(upload.problems());
        }
        return upload.version();
    }

    /**
     * The demo edition's answers (first time only), its edition files (first time only), and its publication
     * (stored the first time only). Every node's portal finds the publication in the database by itself.
     */
    public static Published publish(Jdbi jdbi, long editionId) throws EditionException {
        return publish(jdbi, editionId, DemoVintage.CURRENT);
    }

    /** As {@link #publish(Jdbi, long)}, an edition of the series, its answers drawn to its own shares. */
    public static Published publish(Jdbi jdbi, long editionId, DemoVintage vintage) throws EditionException {
        int added = DemoResponses.load(jdbi, editionId, vintage.answerSeed(), vintage);
        EditionFilesStore.Version version = uploadFiles(jdbi, editionId, vintage);
        Optional<PublicationStore.Stored> latest = new PublicationStore(jdbi).latest(editionId);
        if (latest.isPresent()) {
            // Already published on an earlier start: the respondents the latest publication weighted.
            return new Published(added, new WeightsStore(jdbi).respondents(latest.get().weightsId()), false,
                    version.version());
        }
        Publication p = Publishing.publish(jdbi, editionId, EditionSource.stored(version.id()).value());
        return new Published(added, p.weights().size(), true, version.version());
    }
}

package org.barometer.app.edition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.model.Form;
import org.jdbi.v3.core.Jdbi;

/**
 * Questionnaires as the app uses them: each stored XLSForm read once per node into its {@link Form} and its
 * {@link AnswerEngine} (both immutable, so one instance serves every request), kept by the file's SHA-256 and name
 * — the same file is the same questionnaire in any database, where a version's id is not. Which questionnaire an
 * edition has is asked of the database on every lookup (one small query), so a questionnaire replaced through
 * one node is what every node serves from its next request on.
 */
public final class FormCache {
    private static final Map<String, Loaded> BY_FILE = new ConcurrentHashMap<>();

    /** A questionnaire read: its answer engine and the pictures its form shows. */
    private record Loaded(AnswerEngine engine, Map<String, byte[]> pictures) {}

    private final QuestionnaireStore questionnaires;

    public FormCache(Jdbi jdbi) {
        this.questionnaires = new QuestionnaireStore(jdbi);
    }

    /** The answer engine of the questionnaire an edition has now, or empty when it has none. */
    public Optional<AnswerEngine> forEdition(long editionId) {
        return questionnaires.currentOf(editionId).map(this::engine);
    }

    /** The answer engine of a stored questionnaire version. */
    public AnswerEngine engine(QuestionnaireStore.Questionnaire q) {
        return loaded(q).engine();
    }

    /**
     * A picture the questionnaire an edition has now shows (a file of its ZIP named in an {@code image} column), or
     * empty when it shows no picture of that name.
     */
    public Optional<byte[]> picture(long editionId, String file) {
        return questionnaires.currentOf(editionId).map(q -> loaded(q).pictures().get(file));
    }

    private Loaded loaded(QuestionnaireStore.Questionnaire q) {
        return BY_FILE.computeIfAbsent(q.sha256() + " " + q.fileName(), key -> {
            QuestionnaireCheck check = QuestionnaireCheck.of(q.fileName(), questionnaires.content(q.id()).orElseThrow());
            if (!check.ok()) {
                // It was checked when it was uploaded: failing now means the stored file is damaged.
                throw new IllegalStateException("The stored questionnaire " + q.fileName() + " no longer reads: "
                        + check.problems().getFirst());
            }
            // pulldata() reads the CSV files that came with the form, as the form check did
            return new Loaded(AnswerEngine.of(check.form(), java.time.Clock.systemDefaultZone(), check.tables()),
                    check.pictures());
        });
    }

    /** The form of a stored questionnaire version. */
    public Form form(QuestionnaireStore.Questionnaire q) {
        return engine(q).form();
    }
}

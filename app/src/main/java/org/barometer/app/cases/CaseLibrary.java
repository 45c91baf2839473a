package org.barometer.app.cases;

import java.util.List;
import java.util.OptionalLong;
import org.barometer.app.http.FieldError;
import org.barometer.app.platform.Platform;
import org.barometer.app.text.Language;

/**
 * The case library of a node's series ({@code BAROMETER_CASES_SERIES}, default {@value #DEFAULT_SERIES}): what the
 * pages and anyone else (the demo) submit through, so every case is checked by the same rules before it is stored.
 */
public final class CaseLibrary {
    public static final String DEFAULT_SERIES = "innovation-barometer";

    private final CaseStore store;
    private final String series;

    public CaseLibrary(Platform platform) {
        this(new CaseStore(platform.jdbi()), platform.config().setting("BAROMETER_CASES_SERIES", DEFAULT_SERIES));
    }

    public CaseLibrary(CaseStore store, String series) {
        this.store = store;
        this.series = series;
    }

    /** What a submission came to: the new case's id, or the problems that kept it out. */
    public record Outcome(OptionalLong id, List<FieldError> problems) {}

    public CaseStore store() {
        return store;
    }

    public String series() {
        return series;
    }

    public List<Classification> classifications() {
        return store.classifications(series);
    }

    /** Checks a case and stores it as submitted when it has no problem (texts of problems in {@code lang}). */
    public Outcome submit(CaseDraft draft, String source, String lang) {
        List<FieldError> problems = draft.problems(Language.of(lang), classifications());
        if (!problems.isEmpty()) {
            return new Outcome(OptionalLong.empty(), problems);
        }
        return new Outcome(store.create(series, source, draft, null), List.of());
    }

    /** Makes a classification value available to this series' cases (or renames it). */
    public void define(Classification c) {
        store.define(series, c);
    }
}

package org.barometer.app.series;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.spec.EditionFilesStore;
import org.barometer.app.publish.spec.EditionProblem;
import org.barometer.app.publish.spec.EditionSource;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.EditionZip;
import org.barometer.forms.model.Question;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The family's files: an upload (a ZIP of {@code family.json} and its aggregate files) checked as a whole against
 * the editions in the database and stored as the next version only when nothing is wrong; and the current
 * version, read once per version on each node.
 */
public final class FamilyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(FamilyFiles.class);

    private final Jdbi jdbi;
    private final FamilyStore store;
    private volatile Cached cached;

    private record Cached(long id, Optional<Family> family) {
    }

    public FamilyFiles(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.store = new FamilyStore(jdbi);
    }

    /** The outcome of an upload: the version stored, or every problem found (and nothing stored). */
    public record Upload(long id, List<EditionProblem> problems) {
        public Upload {
            problems = List.copyOf(problems);
        }

        public boolean stored() {
            return problems.isEmpty();
        }
    }

    /** Checks a ZIP of the family's files and, when nothing is wrong, stores it as the next version. */
    public Upload upload(String fileName, byte[] zip, String uploadedBy) {
        EditionZip.Unpacked unpacked = EditionZip.read(fileName, zip);
        if (!unpacked.problems().isEmpty()) {
            return new Upload(0, unpacked.problems());
        }
        return upload(fileName, unpacked.files(), uploadedBy);
    }

    /** Checks the family's files and, when nothing is wrong, stores them as the next version. */
    public Upload upload(String fileName, Map<String, String> files, String uploadedBy) {
        Map<String, Long> ids = new HashMap<>();
        Family family;
        try {
            family = FamilyReader.read(files, name -> variables(name, ids));
        } catch (EditionException e) {
            return new Upload(0, e.problems());
        }
        return new Upload(store.store(fileName, files, family, ids, uploadedBy), List.of());
    }

    /** The current family, read from its latest version (empty: none uploaded, or it no longer reads). */
    public Optional<Family> current() {
        Optional<Long> latest = store.latestId();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Cached c = cached;
        if (c != null && c.id() == latest.get()) {
            return c.family();
        }
        Optional<Family> family = store.find(latest.get()).flatMap(stored -> {
            try {
                return Optional.of(FamilyReader.read(stored.files(), name -> variables(name, new HashMap<>())));
            } catch (EditionException e) {
                // an edition it names was deleted or changed its files since: the version is not shown
                LOG.warn("series: family version {} no longer reads: {}", stored.id(), e.problems());
                return Optional.empty();
            }
        });
        cached = new Cached(latest.get(), family);
        return family;
    }

    /**
     * The variables of an edition by its name in the database, as its current edition files give its data: the
     * questionnaire's questions and the derived variables (and the register's variables those read); the
     * edition's id is noted in {@code ids}.
     */
    private Optional<Set<String>> variables(String editionName, Map<String, Long> ids) {
        Optional<Edition> edition = new EditionStore(jdbi).findByName(editionName);
        if (edition.isEmpty()) {
            return Optional.empty();
        }
        Optional<EditionFilesStore.Version> version = new EditionFilesStore(jdbi).current(edition.get().id());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        EditionSpec spec;
        try {
            spec = EditionSource.stored(version.get().id()).read(jdbi, edition.get().id());
        } catch (EditionException e) {
            return Optional.empty();
        }
        ids.put(editionName, edition.get().id());
        Set<String> names = new HashSet<>();
        for (Question q : spec.form().questions()) {
            names.add(q.name());
        }
        for (DerivedVariable d : spec.derived()) {
            names.add(d.name());
            names.addAll(d.expression().references());
        }
        return Optional.of(names);
    }
}

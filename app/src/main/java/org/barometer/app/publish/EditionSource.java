package org.barometer.app.publish;

import java.util.List;
import java.util.Optional;
import org.barometer.app.demo.DemoEdition;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a publication's edition files come from, as {@code analysis_job.spec_folder} and
 * {@code publication.spec_folder} hold it: {@code stored:<id>}, an uploaded version (see {@link EditionFiles}), or
 * a folder on the class path such as {@code /org/barometer/app/editions/2019} (the built-in demo edition). Every
 * reading of those columns goes through here, by {@link StoredPublication#compute}.
 *
 * @param value the column's value
 */
public record EditionSource(String value) {

    private static final String STORED = "stored:";

    /** An uploaded version of an edition's files. */
    public static EditionSource stored(long versionId) {
        return new EditionSource(STORED + versionId);
    }

    /**
     * What a new job of the edition publishes: its latest uploaded files; when it has none, the built-in files for
     * the demo edition only; otherwise nothing.
     */
    public static Optional<EditionSource> forNewJob(Jdbi jdbi, long editionId) {
        Optional<EditionFiles.Version> current = new EditionFiles(jdbi).current(editionId);
        if (current.isPresent()) {
            return Optional.of(stored(current.get().id()));
        }
        boolean demo = jdbi.withHandle(h -> h.createQuery("select count(*) from edition where id = :e and name = :n")
                .bind("e", editionId).bind("n", DemoEdition.NAME).mapTo(Integer.class).one()) > 0;
        return demo ? Optional.of(new EditionSource(DemoPublication.EDITION_FOLDER)) : Optional.empty();
    }

    /** The uploaded version this names, or null for a class-path folder. */
    private Long storedId() throws EditionException {
        if (!value.startsWith(STORED)) {
            return null;
        }
        try {
            return Long.parseLong(value.substring(STORED.length()));
        } catch (NumberFormatException e) {
            throw new EditionException(List.of(EditionProblem.at(value, "", "not a stored version: expected stored:<number>")));
        }
    }

    /** Reads and checks the edition's files, resolving its {@code "form"} as when they were uploaded. */
    public EditionSpec read(Jdbi jdbi, long editionId) throws EditionException {
        Long id = storedId();
        if (id == null) {
            return EditionReader.readResource(value, EditionForms.forEdition(jdbi, editionId));
        }
        EditionFiles files = new EditionFiles(jdbi);
        EditionFiles.Version version = files.find(id).filter(v -> v.editionId() == editionId).orElseThrow(() ->
                new EditionException(List.of(EditionProblem.at(value, "", "no stored edition files of edition " + editionId))));
        EditionZip.Unpacked unpacked = files.files(version.id());
        if (!unpacked.problems().isEmpty()) {
            throw new EditionException(unpacked.problems());
        }
        return EditionReader.read(unpacked.files(), EditionForms.forQuestionnaire(jdbi, version.questionnaireId()));
    }

    /** In words, for a job's log: "version 2 (files.zip, SHA-256 …) uploaded by …" or the class-path folder. */
    public String describe(Jdbi jdbi) {
        try {
            Long id = storedId();
            if (id == null) {
                return "built-in " + value;
            }
            return new EditionFiles(jdbi).find(id).map(v -> "version " + v.version() + " (" + v.fileName() + ", SHA-256 "
                    + v.sha256() + ", uploaded " + v.uploadedAt().toLocalDate()
                    + (v.uploadedBy() == null ? "" : " by " + v.uploadedBy()) + ")").orElse(value);
        } catch (EditionException e) {
            return value;
        }
    }
}

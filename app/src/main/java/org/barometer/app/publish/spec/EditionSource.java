package org.barometer.app.publish.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.SurveyStore;
import org.barometer.app.edition.QuestionnaireStore;
import org.barometer.app.text.Message;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a publication's edition files come from, as {@code analysis_job.spec_folder} and
 * {@code publication.spec_folder} hold it: {@code stored:<id>}, an uploaded version (see {@link EditionFilesStore}), or
 * a folder on the class path such as {@code /org/barometer/app/editions/2019} (the built-in demo edition). Every
 * reading of those columns goes through here, by {@link StoredPublication#compute}.
 *
 * @param value the column's value
 */
public record EditionSource(String value) {

    private static final String STORED = "stored:";

    /**
     * Edition files already read on this node, by everything the reading depends on: the files' content, the
     * questionnaire's content, and the edition's register variables and coded variables (both asked of the
     * database on every read, as they can change). A node reads the same files for the edition's page, its data
     * and the family's indicators, and reading a workbook costs a tenth of a second; an {@link EditionSpec} is
     * immutable, so one serves all. Keyed by content, not by id, as the same ids name other files in another
     * database.
     */
    private static final int READ_KEPT = 32;
    private static final Map<ReadKey, EditionSpec> READ = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReadKey, EditionSpec> eldest) {
            return size() > READ_KEPT;
        }
    };

    private record ReadKey(long editionId, String fileName, String sha256, String questionnaire,
                           List<String> frameVariables, List<CodedVariable> codedVariables) {}

    /** An uploaded version of an edition's files. */
    public static EditionSource stored(long versionId) {
        return new EditionSource(STORED + versionId);
    }

    /** What a new job of the edition publishes: its latest uploaded files, if it has any. */
    public static Optional<EditionSource> forNewJob(Jdbi jdbi, long editionId) {
        return new EditionFilesStore(jdbi).current(editionId).map(v -> stored(v.id()));
    }

    /** The uploaded version this names. */
    private long storedId() throws EditionException {
        if (!value.startsWith(STORED)) {
            throw new EditionException(List.of(EditionProblem.at(value, "", "edition.problem.not.a.stored.version.expected")));
        }
        try {
            return Long.parseLong(value.substring(STORED.length()));
        } catch (NumberFormatException e) {
            throw new EditionException(List.of(EditionProblem.at(value, "", "edition.problem.not.a.stored.version.expected")));
        }
    }

    /** Reads and checks the edition's files, resolving its {@code "form"} as when they were uploaded. */
    public EditionSpec read(Jdbi jdbi, long editionId) throws EditionException {
        long id = storedId();
        EditionFilesStore files = new EditionFilesStore(jdbi);
        EditionFilesStore.Version version = files.find(id).filter(v -> v.editionId() == editionId).orElseThrow(() ->
                new EditionException(List.of(EditionProblem.at(value, "", "edition.problem.no.stored.edition.files.of", editionId))));
        QuestionnaireStore.Questionnaire questionnaire = version.questionnaireId() == null ? null
                : new QuestionnaireStore(jdbi).find(version.questionnaireId()).orElseThrow();
        List<String> frameVariables = SurveyStore.frameVariables(jdbi, editionId);
        List<CodedVariable> codedVariables = SurveyStore.codedVariables(jdbi, editionId);
        ReadKey key = new ReadKey(editionId, version.fileName(), version.sha256(),
                questionnaire == null ? null : questionnaire.sha256() + " " + questionnaire.fileName(),
                frameVariables, codedVariables);
        synchronized (READ) {
            EditionSpec read = READ.get(key);
            if (read != null) {
                return read;
            }
        }
        EditionZip.Unpacked unpacked = files.files(version.id());
        if (!unpacked.problems().isEmpty()) {
            throw new EditionException(unpacked.problems());
        }
        EditionSpec spec = EditionReader.read(unpacked.files(), EditionForms.forQuestionnaire(jdbi, questionnaire),
                frameVariables, codedVariables);
        synchronized (READ) {
            READ.put(key, spec);
        }
        return spec;
    }

    /** In words, for a job's log: "version 2 (files.zip, SHA-256 …) uploaded by …" or the class-path folder. */
    public Message describe(Jdbi jdbi) {
        try {
            long id = storedId();
            return new EditionFilesStore(jdbi).find(id).map(v -> Message.of("analysis.log.files", v.version(), v.fileName(),
                    v.sha256(), v.uploadedAt().toLocalDate(), v.uploadedBy() == null ? Message.of("weighting.place.none")
                            : Message.of("analysis.log.uploadedBy", v.uploadedBy()))).orElse(Message.of("edition.problem.text", value));
        } catch (EditionException e) {
            return Message.of("edition.problem.text", value);
        }
    }
}

package org.barometer.app.publish.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.barometer.app.analysis.SurveySample;
import org.barometer.app.analysis.SurveyStore;
import org.barometer.app.text.Message;
import org.barometer.app.edition.QuestionnaireStore;
import org.jdbi.v3.core.Jdbi;

/**
 * An edition's publication files as uploaded versions: a ZIP of {@code edition.json} and the figure files it
 * lists is checked as a whole — unpacked, read by {@link EditionReader} against the edition's questionnaire, its
 * weighting held against the edition's sample — and only then stored as the edition's next version, with its
 * SHA-256, uploader and the questionnaire version it was checked against.
 */
public final class EditionFilesStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public EditionFilesStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored version (without its ZIP). */
    public record Version(long id, long editionId, int version, String fileName, String sha256, Long questionnaireId,
                          String uploadedBy, OffsetDateTime uploadedAt) {
    }

    /** The outcome of an upload: the new version, or every problem found (and nothing stored). */
    public record Upload(Version version, List<EditionProblem> problems) {
        public Upload {
            problems = List.copyOf(problems);
        }

        public boolean stored() {
            return version != null;
        }
    }

    /** Checks a ZIP of edition files and, when nothing is wrong, stores it as the edition's next version. */
    public Upload upload(long editionId, String fileName, byte[] zip, Long userId) {
        EditionZip.Unpacked unpacked = EditionZip.read(fileName, zip);
        if (!unpacked.problems().isEmpty()) {
            return new Upload(null, unpacked.problems());
        }
        Map<String, Object> edition = jdbi.withHandle(h -> h.createQuery("""
                select e.questionnaire_id, s.strata_by from edition e left join sample s on s.id = e.sample_id
                where e.id = :e""").bind("e", editionId).mapToMap().one());
        Long questionnaireId = edition.get("questionnaire_id") == null ? null
                : ((Number) edition.get("questionnaire_id")).longValue();
        List<EditionProblem> problems = new ArrayList<>();
        try {
            EditionSpec spec = EditionReader.read(unpacked.files(), EditionForms.forQuestionnaire(jdbi, questionnaireId),
                    SurveyStore.frameVariables(jdbi, editionId), org.barometer.app.analysis.SurveyStore.codedVariables(jdbi, editionId));
            String strataBy = (String) edition.get("strata_by");
            Message groups = strataBy == null ? null
                    : SurveySample.nonresponseGroupsProblem(spec.weighting(), List.of(strataBy.split(",")));
            if (groups != null) {
                problems.add(EditionProblem.at("edition.json", "weighting.nonresponseGroups", "edition.problem.text", groups));
            }
        } catch (EditionException e) {
            problems.addAll(e.problems());
        }
        Set<String> listed = listed(unpacked.files());
        for (String name : unpacked.files().keySet()) {
            if (listed != null && !listed.contains(name)) {
                problems.add(EditionProblem.at(name, "", "edition.problem.not.listed.in.the.figures"));
            }
        }
        if (!problems.isEmpty()) {
            return new Upload(null, problems);
        }
        long id = jdbi.inTransaction(h -> {
            // the edition's row lock makes concurrent uploads take turns for the next version number
            h.createQuery("select id from edition where id = :e for update").bind("e", editionId).mapTo(Long.class).one();
            int version = h.createQuery("select coalesce(max(version), 0) + 1 from edition_files where edition_id = :e")
                    .bind("e", editionId).mapTo(Integer.class).one();
            return h.createUpdate("""
                    insert into edition_files (edition_id, version, file_name, content, sha256, questionnaire_id, uploaded_by)
                    values (:e, :v, :f, :c, :s, :q, :u)""")
                    .bind("e", editionId).bind("v", version).bind("f", fileName).bind("c", zip)
                    .bind("s", QuestionnaireStore.sha256(zip)).bind("q", questionnaireId).bind("u", userId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new Upload(find(id).orElseThrow(), List.of());
    }

    /** The edition's latest version, if it has any. */
    public Optional<Version> current(long editionId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where f.edition_id = :e order by f.version desc limit 1")
                .bind("e", editionId).map((rs, c) -> row(rs)).findOne());
    }

    public Optional<Version> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where f.id = :id").bind("id", id)
                .map((rs, c) -> row(rs)).findOne());
    }

    /** A version's files by path, unpacked from its ZIP as uploaded. */
    public EditionZip.Unpacked files(long id) {
        Version v = find(id).orElseThrow();
        byte[] zip = jdbi.withHandle(h -> h.createQuery("select content from edition_files where id = :id")
                .bind("id", id).mapTo(byte[].class).one());
        return EditionZip.read(v.fileName(), zip);
    }

    /**
     * {@code edition.json} and the figure files it lists, or null when edition.json does not list them readably
     * (the reader reports that).
     */
    private static Set<String> listed(Map<String, String> files) {
        String edition = files.get("edition.json");
        if (edition == null) {
            return null;
        }
        JsonNode figures;
        try {
            figures = JSON.readTree(edition).path("figures");
        } catch (IOException e) {
            return null;
        }
        if (!figures.isArray()) {
            return null;
        }
        Set<String> listed = new LinkedHashSet<>();
        listed.add("edition.json");
        figures.forEach(f -> listed.add(f.asText()));
        return listed;
    }

    private static final String SELECT = """
            select f.id, f.edition_id, f.version, f.file_name, f.sha256, f.questionnaire_id, u.username, f.uploaded_at
            from edition_files f left join app_user u on u.id = f.uploaded_by""";

    private static Version row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Version(rs.getLong("id"), rs.getLong("edition_id"), rs.getInt("version"), rs.getString("file_name"),
                rs.getString("sha256"), (Long) rs.getObject("questionnaire_id"), rs.getString("username"),
                rs.getObject("uploaded_at", OffsetDateTime.class));
    }
}

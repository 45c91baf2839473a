package org.barometer.app.frame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * FrameStore in the database: uploaded files awaiting a decision, and imported frames with their units. An import
 * stores either every row or, when the user chose so, only the rows without problems; never a file with
 * problems in its header or as a whole.
 */
public final class FrameStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public FrameStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An uploaded file waiting for the user's decision, with the report of its check (null if never made). */
    public record Upload(long id, long editionId, String fileName, byte[] content, FrameReport report) {}

    /** An imported frame. */
    public record Frame(long id, long editionId, String sourceName, OffsetDateTime importedAt, int unitCount,
                        int skippedRows) {}

    /** Why an import was refused. */
    public static final class ImportRefused extends Exception {
        public ImportRefused(String messageKey) {
            super(messageKey);
        }
    }

    /** Uploads nobody decided on are dropped after this long. */
    static final String UPLOAD_LIFETIME = "2 days";

    public long saveUpload(long editionId, String fileName, byte[] content, FrameReport report, Long userId) {
        jdbi.useHandle(h -> h.execute(
                "delete from frame_upload where uploaded_at < now() - interval '" + UPLOAD_LIFETIME + "'"));
        return jdbi.withHandle(h -> h.createUpdate("""
                        insert into frame_upload (edition_id, file_name, content, report, uploaded_by)
                        values (:e, :f, :c, cast(:r as jsonb), :u)""")
                .bind("e", editionId).bind("f", fileName).bind("c", content).bind("r", toJson(report))
                .bind("u", userId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<Upload> upload(long uploadId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select id, edition_id, file_name, content, report from frame_upload where id = ?")
                .bind(0, uploadId)
                .map((rs, c) -> new Upload(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4),
                        fromJson(rs.getString(5))))
                .findOne());
    }

    /** Stores the report of an upload checked before reports were stored. */
    public void saveReport(long uploadId, FrameReport report) {
        jdbi.useHandle(h -> h.createUpdate("update frame_upload set report = cast(:r as jsonb) where id = :id")
                .bind("r", toJson(report)).bind("id", uploadId).execute());
    }

    /** A problem as stored: its arguments as the text they are shown as. */
    private record StoredProblem(int row, String column, String value, String key, List<String> args) {}

    private record StoredReport(int validUnits, int faultyRows, int problemCount, boolean fileProblems,
                                List<StoredProblem> problems) {}

    private static String toJson(FrameReport report) {
        List<StoredProblem> problems = report.problems().stream().map(p -> new StoredProblem(p.row(), p.column(),
                p.value(), p.messageKey(), java.util.Arrays.stream(p.args()).map(String::valueOf).toList())).toList();
        try {
            return JSON.writeValueAsString(new StoredReport(report.validUnits(), report.faultyRows(),
                    report.problemCount(), report.fileProblems(), problems));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a frame report could not be written as JSON", e);
        }
    }

    private static FrameReport fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            StoredReport r = JSON.readValue(json, StoredReport.class);
            return new FrameReport(r.validUnits(), r.faultyRows(), r.problemCount(), r.fileProblems(),
                    r.problems().stream().map(p -> new FrameProblem(p.row(), p.column(), p.value(), p.key(),
                            p.args().toArray())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored frame report is not the JSON it was written as", e);
        }
    }

    public void deleteUpload(long uploadId) {
        jdbi.useHandle(h -> h.execute("delete from frame_upload where id = ?", uploadId));
    }

    /**
     * Imports a validated file as the edition's frame. With problems, refuses unless {@code leaveOutFaulty} and
     * every problem belongs to a data row; then only the rows without problems are stored.
     */
    public Frame importFrame(long editionId, String sourceName, FrameValidator.Result validation,
                             boolean leaveOutFaulty, Long userId) throws ImportRefused {
        return importFrame(editionId, sourceName, validation, leaveOutFaulty, 0, userId);
    }

    /** As above, {@code leftOut} rows of duplicate ids having been left out by the user's choice. */
    public Frame importFrame(long editionId, String sourceName, FrameValidator.Result validation,
                             boolean leaveOutFaulty, int leftOut, Long userId) throws ImportRefused {
        if (validation.hasFileProblems()) {
            throw new ImportRefused("frame.import.refused.file");
        }
        if (!validation.clean() && !leaveOutFaulty) {
            throw new ImportRefused("frame.import.refused.errors");
        }
        if (validation.validUnits().isEmpty()) {
            throw new ImportRefused("frame.import.refused.empty");
        }
        long frameId = jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            insert into frame (edition_id, source_name, imported_by, unit_count, skipped_rows)
                            values (:e, :s, :u, :n, :k)""")
                    .bind("e", editionId).bind("s", sourceName).bind("u", userId)
                    .bind("n", validation.validUnits().size()).bind("k", validation.faultyRows().size() + leftOut)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            insertUnits(h, id, validation.validUnits());
            h.execute("update edition set frame_id = ?, sample_id = null where id = ?", id, editionId);
            return id;
        });
        return frame(frameId).orElseThrow();
    }

    /**
     * The SQL expression of a frame variable of {@code alias}'s unit, the empty string where it has no value: a
     * column of the built-in register, or a declared variable from {@code variables}. Names come from the
     * register (checked against a strict pattern), never from a request.
     */
    public static String valueSql(String alias, String variable) {
        if (FrameSchema.STRATIFIERS.contains(variable)) {
            return "coalesce(" + alias + "." + variable + ", '')";
        }
        if (!RegisterSchema.isName(variable)) {
            throw new IllegalArgumentException("not a frame variable: " + variable);
        }
        return "coalesce(" + alias + ".variables ->> '" + variable + "', '')";
    }

    static void insertUnits(Handle h, long frameId, List<FrameUnit> units) {
        PreparedBatch batch = h.prepareBatch("""
                insert into frame_unit (frame_id, row_number, workplace_id, name, government_level, area, employees,
                    size_group, region, manager_name, manager_email, language, variables)
                values (:frame, :row, :id, :name, :level, :area, :employees, :size, :region, :manager, :email, :lang,
                    cast(:variables as jsonb))""");
        for (FrameUnit u : units) {
            batch.bind("frame", frameId).bind("row", u.row()).bind("id", u.workplaceId()).bind("name", u.name())
                    .bind("level", u.governmentLevel()).bind("area", u.area()).bind("employees", u.employees())
                    .bind("size", u.sizeGroup()).bind("region", u.region()).bind("manager", u.managerName())
                    .bind("email", u.managerEmail()).bind("lang", u.language())
                    .bind("variables", u.variables().isEmpty() ? null : variablesJson(u.variables())).add();
        }
        batch.execute();
    }

    public Optional<Frame> frame(long frameId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, edition_id, source_name, imported_at, unit_count, skipped_rows from frame
                        where id = ?""")
                .bind(0, frameId)
                .map((rs, c) -> new Frame(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5), rs.getInt(6)))
                .findOne());
    }

    /** A stored unit with its database id. */
    public record StoredUnit(long id, FrameUnit unit) {}

    /** Every unit of a frame, in workplace-id order (the order sampling relies on for reproducibility). */
    public List<StoredUnit> units(long frameId) {
        return units(frameId, Integer.MAX_VALUE, 0);
    }

    public List<StoredUnit> units(long frameId, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, row_number, workplace_id, name, government_level, area, employees, size_group,
                               region, manager_name, manager_email, language, variables::text as variables
                        from frame_unit where frame_id = :f order by workplace_id limit :l offset :o""")
                .bind("f", frameId).bind("l", limit).bind("o", offset)
                .map((rs, c) -> new StoredUnit(rs.getLong("id"), new FrameUnit(rs.getInt("row_number"),
                        rs.getString("workplace_id"), rs.getString("name"), rs.getString("government_level"),
                        rs.getString("area"), (Integer) rs.getObject("employees"), rs.getString("size_group"),
                        rs.getString("region"), rs.getString("manager_name"), rs.getString("manager_email"),
                        rs.getString("language"), variables(rs.getString("variables")))))
                .list());
    }

    private static String variablesJson(java.util.Map<String, String> variables) {
        try {
            return JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("register values could not be written as JSON", e);
        }
    }

    private static java.util.Map<String, String> variables(String json) {
        if (json == null) {
            return java.util.Map.of();
        }
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored register values are not the JSON they were written as", e);
        }
    }
}

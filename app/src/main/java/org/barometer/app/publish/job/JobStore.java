package org.barometer.app.publish.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barometer.app.publish.spec.EditionSource;
import org.barometer.app.text.Message;
import org.jdbi.v3.core.Jdbi;

/**
 * The publication jobs ({@code analysis_job}): queued by a request, claimed by one node's worker with
 * {@code FOR UPDATE SKIP LOCKED}, with their progress, outcome and log (see {@link PublishJobs}). The log is kept
 * twice: as entries (a text key and its arguments each, written out in the reader's language) and as English text.
 */
public final class JobStore {
    /** A running job whose heartbeat is older than this belongs to a node that stopped. */
    public static final Duration STALE = Duration.ofMinutes(2);
    /** How often a job is tried before it is failed for good. */
    public static final int MAX_ATTEMPTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public JobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A job as stored.
     *
     * @param log     the log in English
     * @param entries the log as entries to write out in the reader's language (empty for jobs logged before entries)
     */
    public record Job(long id, long editionId, String kind, String specFolder, String state, int progress,
                      String log, List<Message> entries, String requestedBy, String createdAt, String finishedAt,
                      Long publicationId) {
        public Job {
            entries = List.copyOf(entries);
        }

        /** Queued or running: the page keeps refreshing. */
        public boolean active() {
            return state.equals("queued") || state.equals("running");
        }
    }

    /** Queues a publication job of an edition from the given edition files (an {@link EditionSource} value); returns its id. */
    public long enqueue(long editionId, String specFolder, Long requestedBy) {
        Message queued = Message.of("analysis.log.queued");
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into analysis_job (edition_id, kind, spec_folder, requested_by, log, entries)
                values (:e, 'publish', :f, :u, :l, cast(:entries as jsonb))""")
                .bind("e", editionId).bind("f", specFolder).bind("u", requestedBy)
                .bind("l", queued + "\n").bind("entries", json(List.of(queued)))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Claims one job (queued, or running with a stale heartbeat) for {@code node}, or none. The row lock taken
     * with SKIP LOCKED makes concurrent claims pick different jobs; a job that went stale too often is failed.
     */
    public Optional<Long> claim(String node) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    update analysis_job set state = 'failed', finished_at = now(),
                           log = log || 'Failed: its node stopped responding ' || attempts || ' times\n',
                           entries = entries || jsonb_build_array(jsonb_build_object('key', 'analysis.log.staleFailed',
                               'args', jsonb_build_array(attempts::text)))
                    where id in (select id from analysis_job
                                 where state = 'running' and heartbeat_at < now() - make_interval(secs => :stale)
                                   and attempts >= :max
                                 for update skip locked)""")
                    .bind("stale", (double) STALE.toSeconds()).bind("max", MAX_ATTEMPTS).execute();
            return h.createQuery("""
                    update analysis_job set state = 'running', node = :n, attempts = attempts + 1,
                           started_at = now(), heartbeat_at = now(), progress = 0,
                           log = log || case when state = 'running'
                                   then 'Picked up again by ' || :n || ': the node ' || coalesce(node, '?') || ' stopped responding\n'
                                   else 'Started on ' || :n || '\n' end,
                           entries = entries || case when state = 'running'
                                   then jsonb_build_array(jsonb_build_object('key', 'analysis.log.pickedUp',
                                        'args', jsonb_build_array(:n, coalesce(node, '?'))))
                                   else jsonb_build_array(jsonb_build_object('key', 'analysis.log.started',
                                        'args', jsonb_build_array(:n))) end
                    where id = (select id from analysis_job
                                where state = 'queued'
                                   or (state = 'running' and heartbeat_at < now() - make_interval(secs => :stale))
                                order by id limit 1 for update skip locked)
                    returning id""")
                    .bind("n", node).bind("stale", (double) STALE.toSeconds())
                    .mapTo(Long.class).findOne();
        });
    }

    /** Records a step of a running job: its progress (never going back), its log line and its heartbeat. */
    void progress(long jobId, int percent, Message line) {
        jdbi.useHandle(h -> h.createUpdate("""
                update analysis_job set progress = greatest(progress, :p), heartbeat_at = now(), log = log || :l,
                       entries = entries || cast(:entries as jsonb)
                where id = :j""").bind("p", Math.max(0, Math.min(100, percent))).bind("l", line + "\n")
                .bind("entries", json(List.of(line))).bind("j", jobId).execute());
    }

    /** Ends a job as succeeded with its publication. */
    void succeeded(long jobId, long publicationId, Message line) {
        jdbi.useHandle(h -> h.createUpdate("""
                update analysis_job set state = 'succeeded', progress = 100, finished_at = now(),
                       publication_id = :p, log = log || :l, entries = entries || cast(:entries as jsonb) where id = :j""")
                .bind("p", publicationId).bind("l", line + "\n").bind("entries", json(List.of(line)))
                .bind("j", jobId).execute());
    }

    /** Ends a job as failed, the reasons in its log. */
    void failed(long jobId, List<Message> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        jdbi.useHandle(h -> h.createUpdate("""
                update analysis_job set state = 'failed', finished_at = now(), log = log || :l,
                       entries = entries || cast(:entries as jsonb) where id = :j""")
                .bind("l", text.toString()).bind("entries", json(lines)).bind("j", jobId).execute());
    }

    /** A job by id. */
    public Optional<Job> find(long jobId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where j.id = :j").bind("j", jobId)
                .map((rs, c) -> row(rs)).findOne());
    }

    /** An edition's jobs, newest first. */
    public List<Job> ofEdition(long editionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where j.edition_id = :e order by j.id desc limit :n")
                .bind("e", editionId).bind("n", limit).map((rs, c) -> row(rs)).list());
    }

    private static final String SELECT = """
            select j.id, j.edition_id, j.kind, j.spec_folder, j.state, j.progress, j.log, j.entries::text as entries,
                   u.username, to_char(j.created_at, 'YYYY-MM-DD HH24:MI:SS') as created,
                   to_char(j.finished_at, 'YYYY-MM-DD HH24:MI:SS') as finished, j.publication_id
            from analysis_job j left join app_user u on u.id = j.requested_by""";

    private static Job row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long pub = rs.getLong("publication_id");
        Long publication = rs.wasNull() ? null : pub;
        return new Job(rs.getLong("id"), rs.getLong("edition_id"), rs.getString("kind"), rs.getString("spec_folder"),
                rs.getString("state"), rs.getInt("progress"), rs.getString("log"), messages(rs.getString("entries")),
                rs.getString("username"), rs.getString("created"), rs.getString("finished"), publication);
    }

    // ---------------------------------------------------------------------------------------------- entries as JSON

    private static String json(List<Message> lines) {
        ArrayNode array = JSON.createArrayNode();
        lines.forEach(l -> array.add(node(l)));
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode node(Message m) {
        ObjectNode node = JSON.createObjectNode().put("key", m.key());
        ArrayNode args = node.putArray("args");
        for (Object a : m.args()) {
            if (a instanceof Message nested) {
                args.add(node(nested));
            } else {
                args.add(String.valueOf(a));
            }
        }
        return node;
    }

    private static List<Message> messages(String json) {
        List<Message> out = new ArrayList<>();
        try {
            for (JsonNode entry : JSON.readTree(json)) {
                out.add(message(entry));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job's stored log entries are not JSON", e);
        }
        return out;
    }

    private static Message message(JsonNode node) {
        List<Object> args = new ArrayList<>();
        for (JsonNode a : node.path("args")) {
            args.add(a.isObject() ? message(a) : a.asText());
        }
        return new Message(node.path("key").asText(), args);
    }
}

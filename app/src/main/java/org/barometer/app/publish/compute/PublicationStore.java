package org.barometer.app.publish.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.app.analysis.Weights;
import org.barometer.app.analysis.WeightsStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Stored publications ({@code publication}): the figures of an edition as published, computed from one weights
 * version, and the edition files they were computed from.
 */
public final class PublicationStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public PublicationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A stored publication.
     *
     * @param specFolder    the edition files it was computed from (an {@code EditionSource} value)
     * @param editionName   the edition's name
     * @param weightsVersion the number of its weights version within the edition
     * @param figureCount   how many figures it has
     */
    public record Stored(long id, long editionId, String editionName, long weightsId, int weightsVersion,
                         String specFolder, int figureCount, OffsetDateTime publishedAt, OffsetDateTime releaseAt,
                         Withdrawal withdrawal, boolean shownFirst) {
        /** Whether its release time has come (withdrawn or not). */
        public boolean released() {
            return !releaseAt.isAfter(OffsetDateTime.now());
        }

        /** Whether it was withdrawn. */
        public boolean withdrawn() {
            return withdrawal != null;
        }
    }

    /**
     * A publication's withdrawal: when, by whom, and the notice the portal shows in its place in each language.
     */
    public record Withdrawal(OffsetDateTime at, String by, String noticeDa, String noticeEn) {
        /** The notice in a language ({@code da}, else English). */
        public String notice(java.util.Locale locale) {
            return locale.getLanguage().equals("da") ? noticeDa : noticeEn;
        }
    }

    /**
     * Stores a new weights version and the publication computed from it in one transaction (an edition is never
     * published in part); returns the ids of both.
     */
    long[] store(long editionId, WeightingSettings settings, Weights weights, Long[] responseIds,
                 List<FigureResult> figures, String source, PublicationSnapshot snapshot) {
        byte[] snapshotBytes = snapshot.bytes();
        byte[] shownBytes = snapshot.shownBytes();
        List<Map<String, Object>> published = new ArrayList<>();
        for (FigureResult f : figures) {
            published.add(FigureJsonWriter.of(f));
        }
        String json = json(published);
        return jdbi.inTransaction(h -> {
            long weightsId = WeightsStore.insert(h, editionId, settings, weights, responseIds);
            long publicationId = h.createUpdate("""
                    insert into publication (edition_id, weights_id, spec_folder, figures, release_at)
                    values (:e, :w, :f, cast(:j as jsonb),
                            greatest(now(), coalesce((select release_at from edition where id = :e), now())))""")
                    .bind("e", editionId).bind("w", weightsId).bind("f", source).bind("j", json)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            insert into publication_snapshot (publication_id, format, body, shown)
                            values (:p, :f, :b, :s)""")
                    .bind("p", publicationId).bind("f", PublicationSnapshot.FORMAT).bind("b", snapshotBytes)
                    .bind("s", shownBytes).execute();
            return new long[] {weightsId, publicationId};
        });
    }

    private static final String SELECT = """
            select p.id, p.edition_id, e.name, p.weights_id, w.version, p.spec_folder,
                   jsonb_array_length(p.figures) as figure_count, p.published_at, p.release_at,
                   p.withdrawn_at, p.withdrawn_by, p.withdrawal_notice_da, p.withdrawal_notice_en,
                   exists (select 1 from publication_default d where d.edition_id = p.edition_id) as shown_first
            from publication p join edition e on e.id = p.edition_id join analysis_weights w on w.id = p.weights_id
            """;

    /**
     * Every edition's latest released publication (its release time come), editions newest first (by year, then
     * the latest created): what the portal shows, or the notice of its withdrawal when it was withdrawn. The edition
     * staff chose to be shown first is marked {@link Stored#shownFirst}.
     */
    public List<Stored> latestOfEachEdition() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + """
                        where p.id = (select id from publication where edition_id = e.id and release_at <= now()
                                      order by published_at desc, id desc limit 1)
                        order by e.year desc nulls last, e.id desc""")
                .map((rs, c) -> stored(rs)).list());
    }

    /** The latest released publication of an edition. */
    public Optional<Stored> latest(long editionId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + """
                        where p.edition_id = :e and p.release_at <= now()
                        order by p.published_at desc, p.id desc limit 1""")
                .bind("e", editionId).map((rs, c) -> stored(rs)).findOne());
    }

    /** Whether a publication's release time has come. */
    public boolean released(long publicationId) {
        return jdbi.withHandle(h -> h.createQuery("select release_at <= now() from publication where id = ?")
                .bind(0, publicationId).mapTo(Boolean.class).findOne().orElse(false));
    }

    /**
     * Sets the release time of an edition: of its publications not yet released, and of those it makes from now
     * on (null: at once). A publication already released stays so.
     */
    public void setRelease(long editionId, OffsetDateTime releaseAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("update edition set release_at = :r where id = :e")
                    .bind("r", releaseAt).bind("e", editionId).execute();
            h.createUpdate("""
                    update publication set release_at = greatest(now(), coalesce(:r, now()))
                    where edition_id = :e and release_at > now()""")
                    .bind("r", releaseAt).bind("e", editionId).execute();
        });
    }

    /** The release time an edition's next publications get, if one is set and still to come. */
    public Optional<OffsetDateTime> releaseOf(long editionId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select release_at from edition where id = ? and release_at > now()")
                .bind(0, editionId).mapTo(OffsetDateTime.class).findOne());
    }

    /** What the pages show of a stored publication, from its snapshot, when the snapshot kept it. */
    Optional<PublicationSnapshot.Shown> shown(long publicationId) {
        // the shown part alone where it was stored apart; else the reading passes over the rest of the body
        return snapshotPart(publicationId, "coalesce(shown, body)").map(PublicationSnapshot::readShown)
                .filter(PublicationSnapshot.Shown::complete);
    }

    /** What a publication computed, when it was stored with a snapshot of the layout read now. */
    Optional<PublicationSnapshot> snapshot(long publicationId) {
        return snapshotPart(publicationId, "body").map(PublicationSnapshot::read);
    }

    /** One part of a publication's snapshot of the layout read now ({@code column}: an expression of its columns). */
    private Optional<byte[]> snapshotPart(long publicationId, String column) {
        return jdbi.withHandle(h -> h.createQuery("select " + column
                        + " from publication_snapshot where publication_id = :p and format = :f")
                .bind("p", publicationId).bind("f", PublicationSnapshot.FORMAT).mapTo(byte[].class).findOne());
    }

    /** A stored publication. */
    public Optional<Stored> find(long publicationId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where p.id = :p")
                .bind("p", publicationId).map((rs, c) -> stored(rs)).findOne());
    }

    /** Why a publication or an edition's choice was refused (nothing changed). */
    public enum Refusal {
        /** The edition has no released publication. */
        NOT_PUBLISHED,
        /** The edition's publication shown is withdrawn already. */
        WITHDRAWN
    }

    /**
     * Withdraws the publication the portal shows of an edition (its latest released one), with the notice shown in
     * its place; empty when done, else why nothing changed. The portal of every node shows the notice from its next
     * check on; if the edition was the one shown first, the portal shows the newest published edition first again.
     */
    public Optional<Refusal> withdraw(long editionId, String by, String noticeDa, String noticeEn) {
        return jdbi.inTransaction(h -> {
            Optional<Stored> shown = latestReleased(h, editionId, true);
            Optional<Refusal> refusal = refusalOf(shown);
            if (refusal.isPresent()) {
                return refusal;
            }
            h.createUpdate("""
                    update publication set withdrawn_at = now(), withdrawn_by = :b, withdrawal_notice_da = :da,
                                           withdrawal_notice_en = :en where id = :p""")
                    .bind("b", by).bind("da", noticeDa).bind("en", noticeEn).bind("p", shown.get().id()).execute();
            h.createUpdate("delete from publication_default where edition_id = :e").bind("e", editionId).execute();
            return Optional.empty();
        });
    }

    /** The edition's latest released publication (locked for the transaction when {@code lock}), if any. */
    private static Optional<Stored> latestReleased(org.jdbi.v3.core.Handle h, long editionId, boolean lock) {
        return h.createQuery(SELECT + """
                        where p.edition_id = :e and p.release_at <= now()
                        order by p.published_at desc, p.id desc limit 1""" + (lock ? " for update of p" : ""))
                .bind("e", editionId).map((rs, c) -> stored(rs)).findOne();
    }

    /** Why nothing can be done to the edition's shown publication: none released, or it is withdrawn. */
    private static Optional<Refusal> refusalOf(Optional<Stored> shown) {
        if (shown.isEmpty()) {
            return Optional.of(Refusal.NOT_PUBLISHED);
        }
        return shown.get().withdrawn() ? Optional.of(Refusal.WITHDRAWN) : Optional.empty();
    }

    /**
     * Makes an edition the one the portal shows first; empty when done, else why nothing changed (its latest
     * released publication must be there and not withdrawn).
     */
    public Optional<Refusal> showFirst(long editionId, String by) {
        return jdbi.inTransaction(h -> {
            Optional<Stored> shown = latestReleased(h, editionId, false);
            Optional<Refusal> refusal = refusalOf(shown);
            if (refusal.isPresent()) {
                return refusal;
            }
            h.createUpdate("""
                    insert into publication_default (edition_id, chosen_by) values (:e, :b)
                    on conflict (only_one) do update set edition_id = excluded.edition_id,
                                                         chosen_by = excluded.chosen_by, chosen_at = now()""")
                    .bind("e", editionId).bind("b", by).execute();
            return Optional.empty();
        });
    }

    /** Lets the portal show the newest published edition first again (whatever staff chose before). */
    public void showNewestFirst() {
        jdbi.useHandle(h -> h.execute("delete from publication_default"));
    }

    /** The edition staff chose to be shown first, if any. */
    public Optional<Long> shownFirst() {
        return jdbi.withHandle(h -> h.createQuery("select edition_id from publication_default")
                .mapTo(Long.class).findOne());
    }

    /** The publications of an edition, newest first. */
    public List<Stored> ofEdition(long editionId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where p.edition_id = :e order by p.id desc")
                .bind("e", editionId).map((rs, c) -> stored(rs)).list());
    }

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("edition_id"), rs.getString("name"), rs.getLong("weights_id"),
                rs.getInt("version"), rs.getString("spec_folder"), rs.getInt("figure_count"),
                rs.getObject("published_at", OffsetDateTime.class), rs.getObject("release_at", OffsetDateTime.class),
                rs.getObject("withdrawn_at") == null ? null : new Withdrawal(
                        rs.getObject("withdrawn_at", OffsetDateTime.class), rs.getString("withdrawn_by"),
                        rs.getString("withdrawal_notice_da"), rs.getString("withdrawal_notice_en")),
                rs.getBoolean("shown_first"));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

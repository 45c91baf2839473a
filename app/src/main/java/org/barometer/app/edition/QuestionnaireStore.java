package org.barometer.app.edition;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.barometer.forms.model.Form;
import org.jdbi.v3.core.Jdbi;

/**
 * Questionnaire versions: XLSForm files checked by the forms reader and stored as uploaded, so that the
 * exact version an edition used can always be read again.
 */
public final class QuestionnaireStore {
    private final Jdbi jdbi;

    public QuestionnaireStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored questionnaire version (without its file). */
    public record Questionnaire(long id, String title, String version, String fileName, String sha256,
                                OffsetDateTime uploadedAt) {}

    /** Stores a file that passed {@link QuestionnaireCheck#of}. */
    public Questionnaire store(String fileName, byte[] xlsx, Form form, Long userId) {
        String title = form.title() == null || form.title().isBlank() ? fileName : form.title();
        String version = form.version();
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        insert into questionnaire (title, version, file_name, content, sha256, uploaded_by)
                        values (:t, :v, :f, :c, :s, :u)""")
                .bind("t", title).bind("v", version).bind("f", fileName).bind("c", xlsx).bind("s", sha256(xlsx))
                .bind("u", userId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return find(id).orElseThrow();
    }

    public Optional<Questionnaire> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select id, title, version, file_name, sha256, uploaded_at from questionnaire where id = ?")
                .bind(0, id)
                .map((rs, c) -> new Questionnaire(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .findOne());
    }

    /** The questionnaire version an edition has now, if any. */
    public Optional<Questionnaire> currentOf(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select q.id, q.title, q.version, q.file_name, q.sha256, q.uploaded_at
                        from edition e join questionnaire q on q.id = e.questionnaire_id where e.id = ?""")
                .bind(0, editionId)
                .map((rs, c) -> new Questionnaire(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .findOne());
    }

    /** The file of a questionnaire version, as uploaded. */
    public Optional<byte[]> content(long id) {
        return jdbi.withHandle(h -> h.createQuery("select content from questionnaire where id = ?")
                .bind(0, id).mapTo(byte[].class).findOne());
    }

    /** The SHA-256 of a file, in hexadecimal. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

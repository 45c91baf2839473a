package org.barometer.app.respond;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.barometer.forms.FormException;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.xlsform.XlsFormReader;
import org.jdbi.v3.core.Jdbi;

/**
 * The questionnaire of each edition, read once per node from the XLSForm stored with the edition and kept as an
 * {@link AnswerEngine} (immutable, so one instance serves every request).
 */
public final class FormCache {
    private final Jdbi jdbi;
    private final Map<Long, AnswerEngine> byEdition = new ConcurrentHashMap<>();

    public FormCache(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The answer engine of an edition's questionnaire, or empty when the edition has none. */
    public Optional<AnswerEngine> forEdition(long editionId) {
        AnswerEngine cached = byEdition.get(editionId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AnswerEngine> loaded = jdbi.withHandle(h -> h.createQuery("""
                        SELECT q.content, q.file_name FROM edition e JOIN questionnaire q ON q.id = e.questionnaire_id
                        WHERE e.id = ?""").bind(0, editionId)
                .map((rs, ctx) -> read(rs.getBytes("content"), rs.getString("file_name"))).findOne());
        loaded.ifPresent(engine -> byEdition.put(editionId, engine));
        return loaded;
    }

    /** Forgets the cached questionnaire of an edition (after it was replaced). */
    public void forget(long editionId) {
        byEdition.remove(editionId);
    }

    private static AnswerEngine read(byte[] xlsx, String fileName) {
        try {
            return AnswerEngine.of(XlsFormReader.read(xlsx, fileName));
        } catch (FormException e) {
            // The form was validated when it was uploaded; failing here means the stored file is damaged.
            throw new IllegalStateException("stored questionnaire " + fileName + " no longer reads: " + e.getMessage(), e);
        }
    }
}

package org.barometer.app.edition;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** An edition's own texts ({@code edition_text}). */
public final class SurveyTextStore {
    private final Jdbi jdbi;

    public SurveyTextStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public SurveyTexts of(long editionId) {
        return jdbi.withHandle(h -> of(h, editionId));
    }

    /** The texts of an edition, read in the caller's transaction. */
    public static SurveyTexts of(Handle h, long editionId) {
        Map<SurveyText, Map<String, String>> own = new EnumMap<>(SurveyText.class);
        h.createQuery("SELECT key, language, text FROM edition_text WHERE edition_id = ?").bind(0, editionId)
                .mapToMap(String.class).forEach(row -> SurveyText.ofCode(row.get("key")).ifPresent(t ->
                        own.computeIfAbsent(t, k -> new HashMap<>()).put(row.get("language"), row.get("text"))));
        return new SurveyTexts(own);
    }

    /** Replaces every text of the edition with these (the ones not set go back to their defaults). */
    public void replace(long editionId, SurveyTexts texts) {
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM edition_text WHERE edition_id = ?", editionId);
            var insert = h.prepareBatch("INSERT INTO edition_text (edition_id, key, language, text) VALUES (?, ?, ?, ?)");
            texts.own().forEach((text, byLanguage) -> byLanguage.forEach((language, value) ->
                    insert.bind(0, editionId).bind(1, text.code()).bind(2, language).bind(3, value).add()));
            if (insert.size() > 0) {
                insert.execute();
            }
        });
    }
}

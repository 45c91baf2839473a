package org.barometer.app.edition;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** EditionStore in the database. */
public final class EditionStore {
    private static final String COLUMNS =
            "id, name, year, questionnaire_id, fieldwork_start, fieldwork_end, languages, frame_id, sample_id";

    private final Jdbi jdbi;

    public EditionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static Edition map(ResultSet rs) throws SQLException {
        Array langs = rs.getArray("languages");
        return new Edition(rs.getLong("id"), rs.getString("name"), (Integer) rs.getObject("year"),
                (Long) rs.getObject("questionnaire_id"), rs.getObject("fieldwork_start", LocalDate.class),
                rs.getObject("fieldwork_end", LocalDate.class), Arrays.asList((String[]) langs.getArray()),
                (Long) rs.getObject("frame_id"), (Long) rs.getObject("sample_id"));
    }

    public List<Edition> all() {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from edition order by id desc")
                .map((rs, c) -> map(rs)).list());
    }

    public Optional<Edition> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from edition where id = ?")
                .bind(0, id).map((rs, c) -> map(rs)).findOne());
    }

    public Optional<Edition> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from edition where name = ?")
                .bind(0, name).map((rs, c) -> map(rs)).findOne());
    }

    /** Creates an edition; the caller has validated the fields. */
    public Edition create(String name, Integer year, LocalDate start, LocalDate end, List<String> languages,
                          Long questionnaireId) {
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        insert into edition (name, year, fieldwork_start, fieldwork_end, languages, questionnaire_id)
                        values (:name, :year, :start, :end, :langs, :q)""")
                .bind("name", name).bind("year", year).bind("start", start).bind("end", end)
                .bind("langs", languages.toArray(String[]::new)).bind("q", questionnaireId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return find(id).orElseThrow();
    }

    public void update(long id, String name, Integer year, LocalDate start, LocalDate end, List<String> languages) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update edition set name = :name, year = :year, fieldwork_start = :start,
                            fieldwork_end = :end, languages = :langs where id = :id""")
                .bind("name", name).bind("year", year).bind("start", start).bind("end", end)
                .bind("langs", languages.toArray(String[]::new)).bind("id", id).execute());
    }

    /** The edition's register declaration as written (JSON), if it declared one (see frame.RegisterSchema). */
    public Optional<String> registerSchema(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("select register_schema::text from edition where id = ?")
                .bind(0, editionId).mapTo(String.class).findOne());
    }

    /**
     * Sets the edition's register declaration (null: back to the built-in register); refused, returning false,
     * once a frame is imported, since its units were checked against the declaration they were imported under.
     */
    public boolean setRegisterSchema(long editionId, String json) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "update edition set register_schema = cast(:s as jsonb) where id = :e and frame_id is null")
                .bind("s", json).bind("e", editionId).execute()) == 1;
    }

    public void setQuestionnaire(long editionId, long questionnaireId) {
        jdbi.useHandle(h -> h.execute("update edition set questionnaire_id = ? where id = ?", questionnaireId,
                editionId));
    }
}

package org.barometer.app.export;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the microdata export reads beyond the survey itself: which edition a name on the command line means, how many
 * submitted responses it has, and which edition files its latest publication was computed from. A read-only report
 * across the edition, response and publication tables, which their own stores write.
 */
public final class MicrodataStore {
    private final Jdbi jdbi;

    public MicrodataStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An edition as the export names it: its database id, name and languages. */
    public record EditionRef(long id, String name, List<String> languages) {}

    /** The edition with database id {@code id}. */
    public Optional<EditionRef> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("select id, name, languages from edition where id = :id")
                .bind("id", id).map((rs, c) -> ref(rs)).findOne());
    }

    /**
     * The editions a command-line argument may mean: the one with that database id, else those whose name or year is
     * the argument.
     */
    public List<EditionRef> resolve(String argument) {
        String a = argument.strip();
        if (a.matches("\\d{1,18}")) {
            Optional<EditionRef> byId = find(Long.parseLong(a));
            if (byId.isPresent()) {
                return List.of(byId.get());
            }
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, name, languages from edition
                        where name = :a or cast(year as text) = :a order by id""")
                .bind("a", a).map((rs, c) -> ref(rs)).list());
    }

    /** How many submitted responses the edition has. */
    public int submitted(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select count(*) from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                        where i.edition_id = :e and not i.test and r.state = 'submitted'""")
                .bind("e", editionId).mapTo(Integer.class).one());
    }

    /** The edition files ({@code stored:<id>}) of the edition's latest publication, if it has one. */
    public Optional<String> publishedSource(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select spec_folder from publication where edition_id = :e order by published_at desc, id desc limit 1""")
                .bind("e", editionId).mapTo(String.class).findOne());
    }

    private static EditionRef ref(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new EditionRef(rs.getLong("id"), rs.getString("name"),
                List.of((String[]) rs.getArray("languages").getArray()));
    }
}

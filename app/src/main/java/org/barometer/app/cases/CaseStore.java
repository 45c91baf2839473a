package org.barometer.app.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.barometer.app.respond.Tokens;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The case library's tables: {@code cases_classification}, {@code cases_case} with its {@code cases_version},
 * {@code cases_contact}, {@code cases_reference} and {@code cases_image}, and the personal links
 * {@code cases_invite}. Search runs in PostgreSQL: each version's generated {@code search} vector, stemmed in the
 * version's own language, under a GIN index.
 */
public final class CaseStore {
    private final Jdbi jdbi;

    public CaseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A case in one language. */
    public record Version(String lang, String title, String summary, String problem, String solution, String results,
                          List<String> resultNumbers, String before, String now, String valueText) {}

    /** A contact person as stored. */
    public record ContactRow(String name, String email, String phone, String role, boolean showConsent) {}

    /** An image's description without its bytes. */
    public record ImageRef(long id, String lang, String alt) {}

    /** A whole case. */
    public record CaseRecord(long id, String series, String status, String source, String organisation, String level,
                             String sector, String technology, String novelty, String value, List<String> tags,
                             String licence, OffsetDateTime submittedAt, OffsetDateTime publishedAt,
                             Map<String, Version> versions, List<ContactRow> contacts, List<String> links,
                             List<ImageRef> images) {

        /** The version in {@code lang}, else the other one. */
        public Version version(String lang) {
            Version v = versions.get(lang);
            return v != null ? v : versions.values().iterator().next();
        }

        /** The image of a version's language, if any. */
        public Optional<ImageRef> image(String lang) {
            return images.stream().filter(i -> i.lang().equals(lang)).findFirst();
        }
    }

    /** One case in a list: its version in the asked language (else the other), and what it is filed under. */
    public record Hit(long id, String status, String lang, String title, String summary, String organisation,
                      String level, String sector, String technology, String value, List<String> tags,
                      OffsetDateTime submittedAt) {}

    /** A search: words (may be empty), the language of the page, and a chosen value per classification, if any. */
    public record Search(String words, String lang, Map<Classification.Kind, String> filters, String tag) {}

    /** A page of hits and the number of all. */
    public record Found(List<Hit> hits, int total) {}

    /** A personal submission link as stored. */
    public record Invite(long id, String series, Long responseId, OffsetDateTime expiresAt, Long caseId) {
        public boolean used() {
            return caseId != null;
        }
    }

    /** An uploaded image and the status of its case. */
    public record StoredImage(byte[] data, String contentType, String caseStatus) {}

    // ------------------------------------------------------------------------------------------ classifications

    public List<Classification> classifications(String series) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select kind, code, label_da, label_en, position from cases_classification
                        where series = :s order by kind, position, code""")
                .bind("s", series)
                .map((rs, c) -> new Classification(Classification.Kind.ofCode(rs.getString("kind")), rs.getString("code"),
                        rs.getString("label_da"), rs.getString("label_en"), rs.getInt("position")))
                .list());
    }

    /** Adds a classification to a series or changes its labels and place. */
    public void define(String series, Classification c) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into cases_classification (series, kind, code, label_da, label_en, position)
                        values (:s, :k, :c, :da, :en, :p)
                        on conflict (series, kind, code) do update
                        set label_da = excluded.label_da, label_en = excluded.label_en, position = excluded.position""")
                .bind("s", series).bind("k", c.kind().code()).bind("c", c.code()).bind("da", c.labelDa())
                .bind("en", c.labelEn()).bind("p", c.position()).execute());
    }

    // ------------------------------------------------------------------------------------------ writing

    /**
     * Stores a new case (status {@code submitted}) with its version, contact, links and image, in one transaction.
     * With an invite, the invite is used up in the same transaction; when it was used already, nothing is stored
     * and the answer is empty.
     */
    public OptionalLong create(String series, String source, CaseDraft d, Long inviteId) {
        try {
            return OptionalLong.of(jdbi.inTransaction(h -> insert(h, series, source, d, inviteId)));
        } catch (InviteUsed e) {
            return OptionalLong.empty();
        }
    }

    /** Thrown inside the transaction of {@link #create} to undo it when its invite was used meanwhile. */
    private static final class InviteUsed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InviteUsed() {
            super(null, null, false, false);
        }
    }

    private static long insert(Handle h, String series, String source, CaseDraft d, Long inviteId) {
        {
            long id = h.createQuery("""
                            insert into cases_case (series, source, organisation, level, sector, technology,
                                                    technology_novelty, value, tags, licence)
                            values (:series, :source, :org, :level, :sector, :tech, :novelty, :value, :tags, :licence)
                            returning id""")
                    .bind("series", series).bind("source", source).bind("org", d.organisation()).bind("level", d.level())
                    .bind("sector", d.sector()).bind("tech", d.technology()).bind("novelty", d.novelty())
                    .bind("value", d.value()).bind("tags", d.tags().toArray(String[]::new)).bind("licence", d.licence())
                    .mapTo(Long.class).one();
            if (inviteId != null) {
                int used = h.createUpdate("""
                                update cases_invite set case_id = :c, used_at = now()
                                where id = :i and case_id is null and used_at is null and expires_at > now()""")
                        .bind("c", id).bind("i", inviteId).execute();
                if (used != 1) {
                    throw new InviteUsed();
                }
            }
            writeParts(h, id, d, true);
            return id;
        }
    }

    /**
     * An editor's change: the case's classifications and contacts, and its version in the draft's language (made
     * when the case had none in it). The version's image is replaced only when the draft brings one.
     */
    public boolean update(long id, CaseDraft d) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("""
                            update cases_case set organisation = :org, level = :level, sector = :sector,
                                   technology = :tech, technology_novelty = :novelty, value = :value, tags = :tags,
                                   licence = :licence, updated_at = now()
                            where id = :id""")
                    .bind("id", id).bind("org", d.organisation()).bind("level", d.level())
                    .bind("sector", d.sector()).bind("tech", d.technology()).bind("novelty", d.novelty())
                    .bind("value", d.value()).bind("tags", d.tags().toArray(String[]::new)).bind("licence", d.licence())
                    .execute();
            if (n == 0) {
                return false;
            }
            h.createUpdate("delete from cases_contact where case_id = ?").bind(0, id).execute();
            h.createUpdate("delete from cases_reference where case_id = ?").bind(0, id).execute();
            h.createUpdate("delete from cases_version where case_id = ? and lang = ?").bind(0, id).bind(1, d.lang()).execute();
            writeParts(h, id, d, d.image() != null);
            return true;
        });
    }

    private static void writeParts(Handle h, long id, CaseDraft d, boolean image) {
        h.createUpdate("""
                        insert into cases_version (case_id, lang, title, summary, problem, solution, results,
                                                   result_numbers, before_text, now_text, value_text)
                        values (:id, :lang, :title, :summary, :problem, :solution, :results, :numbers, :before, :now, :vt)""")
                .bind("id", id).bind("lang", d.lang()).bind("title", d.title()).bind("summary", d.summary())
                .bind("problem", d.problem()).bind("solution", d.solution()).bind("results", d.results())
                .bind("numbers", d.resultNumbers().toArray(String[]::new)).bind("before", d.before())
                .bind("now", d.now()).bind("vt", d.valueText()).execute();
        if (!d.contact().isEmpty()) {
            CaseDraft.Contact c = d.contact();
            h.createUpdate("""
                            insert into cases_contact (case_id, name, email, phone, role, show_consent)
                            values (:id, :name, :email, :phone, :role, :consent)""")
                    .bind("id", id).bind("name", c.name()).bind("email", c.email()).bind("phone", c.phone())
                    .bind("role", c.role()).bind("consent", c.showConsent()).execute();
        }
        for (int i = 0; i < d.links().size(); i++) {
            h.createUpdate("insert into cases_reference (case_id, position, url) values (?, ?, ?)")
                    .bind(0, id).bind(1, i).bind(2, d.links().get(i)).execute();
        }
        if (image && d.image() != null) {
            h.createUpdate("delete from cases_image where case_id = ? and lang = ?").bind(0, id).bind(1, d.lang()).execute();
            h.createUpdate("insert into cases_image (case_id, lang, content_type, data, alt) values (?, ?, ?, ?, ?)")
                    .bind(0, id).bind(1, d.lang()).bind(2, d.image().contentType()).bind(3, d.image().data())
                    .bind(4, d.image().alt()).execute();
        }
    }

    /** Publishes or retires a case; false when there is no such case. */
    public boolean setStatus(long id, String status) {
        String column = switch (status) {
            case "published" -> "published_at";
            case "retired" -> "retired_at";
            case "submitted" -> "updated_at";
            default -> throw new IllegalArgumentException("no status " + status);
        };
        return jdbi.withHandle(h -> h.createUpdate("update cases_case set status = :s, " + column
                        + " = now(), updated_at = now() where id = :id")
                .bind("s", status).bind("id", id).execute()) == 1;
    }

    // ------------------------------------------------------------------------------------------ reading

    public Optional<CaseRecord> find(long id) {
        return jdbi.withHandle(h -> {
            Optional<CaseRecord> found = h.createQuery("select * from cases_case where id = ?").bind(0, id)
                    .map((rs, c) -> new CaseRecord(rs.getLong("id"), rs.getString("series"), rs.getString("status"),
                            rs.getString("source"), rs.getString("organisation"), rs.getString("level"),
                            rs.getString("sector"), rs.getString("technology"), rs.getString("technology_novelty"),
                            rs.getString("value"), strings(rs, "tags"), rs.getString("licence"),
                            rs.getObject("submitted_at", OffsetDateTime.class),
                            rs.getObject("published_at", OffsetDateTime.class), new LinkedHashMap<>(),
                            new ArrayList<>(), new ArrayList<>(), new ArrayList<>()))
                    .findOne();
            found.ifPresent(c -> {
                h.createQuery("select * from cases_version where case_id = ? order by lang").bind(0, id)
                        .map((rs, x) -> new Version(rs.getString("lang"), rs.getString("title"), rs.getString("summary"),
                                rs.getString("problem"), rs.getString("solution"), rs.getString("results"),
                                strings(rs, "result_numbers"), rs.getString("before_text"), rs.getString("now_text"),
                                rs.getString("value_text")))
                        .forEach(v -> c.versions().put(v.lang(), v));
                c.contacts().addAll(h.createQuery("select * from cases_contact where case_id = ? order by id").bind(0, id)
                        .map((rs, x) -> new ContactRow(rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                                rs.getString("role"), rs.getBoolean("show_consent"))).list());
                c.links().addAll(h.createQuery("select url from cases_reference where case_id = ? order by position")
                        .bind(0, id).mapTo(String.class).list());
                c.images().addAll(h.createQuery("select id, lang, alt from cases_image where case_id = ? order by lang")
                        .bind(0, id).map((rs, x) -> new ImageRef(rs.getLong("id"), rs.getString("lang"), rs.getString("alt")))
                        .list());
            });
            return found;
        });
    }

    public Optional<StoredImage> image(long imageId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select i.data, i.content_type, c.status from cases_image i join cases_case c on c.id = i.case_id
                        where i.id = ?""").bind(0, imageId)
                .map((rs, c) -> new StoredImage(rs.getBytes("data"), rs.getString("content_type"), rs.getString("status")))
                .findOne());
    }

    /** The published cases a search finds, best first (newest first without words), {@code limit} from {@code offset}. */
    public Found search(String series, Search s, int limit, int offset) {
        return jdbi.withHandle(h -> {
            StringBuilder where = new StringBuilder();
            Map<String, Object> binds = new LinkedHashMap<>();
            where(s, series, "published", where, binds);
            Query count = h.createQuery("select count(*) from cases_case c where " + where);
            binds.forEach(count::bind);
            int total = count.mapTo(Integer.class).one();
            String rank = s.words().isBlank() ? "" : """
                    (select max(ts_rank(v.search, case v.lang when 'da' then websearch_to_tsquery('danish', :words)
                                                           else websearch_to_tsquery('english', :words) end))
                     from cases_version v where v.case_id = c.id) desc,""";
            Query q = h.createQuery(HIT_SELECT + " where " + where + " order by " + rank
                    + " c.published_at desc nulls last, c.id desc limit :limit offset :offset");
            binds.forEach(q::bind);
            q.bind("lang", s.lang()).bind("limit", limit).bind("offset", offset);
            return new Found(q.map((rs, c) -> hit(rs)).list(), total);
        });
    }

    /**
     * How many published cases the search finds under each value of each classification (values without cases
     * are left out).
     */
    public Map<Classification.Kind, Map<String, Integer>> facets(String series, Search s) {
        return jdbi.withHandle(h -> {
            StringBuilder where = new StringBuilder();
            Map<String, Object> binds = new LinkedHashMap<>();
            where(s, series, "published", where, binds);
            Map<Classification.Kind, Map<String, Integer>> out = new EnumMap<>(Classification.Kind.class);
            for (Classification.Kind k : Classification.Kind.values()) {
                out.put(k, new LinkedHashMap<>());
            }
            Query q = h.createQuery("""
                    select 'level' kind, level code, count(*) n from cases_case c where %1$s group by level
                    union all select 'sector', sector, count(*) from cases_case c where %1$s group by sector
                    union all select 'technology', technology, count(*) from cases_case c where %1$s group by technology
                    union all select 'value', value, count(*) from cases_case c where %1$s group by value
                    order by 1, 3 desc, 2""".formatted(where));
            binds.forEach(q::bind);
            q.map((rs, c) -> new Object[] {rs.getString("kind"), rs.getString("code"), rs.getInt("n")})
                    .forEach(r -> out.get(Classification.Kind.ofCode((String) r[0])).put((String) r[1], (Integer) r[2]));
            return out;
        });
    }

    /** Every case of a status (any status when null), newest first, for the editors. */
    public List<Hit> list(String series, String status, String lang) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(HIT_SELECT + " where c.series = :series"
                    + (status == null ? "" : " and c.status = :status") + " order by c.submitted_at desc, c.id desc");
            q.bind("series", series).bind("lang", lang);
            if (status != null) {
                q.bind("status", status);
            }
            return q.map((rs, c) -> hit(rs)).list();
        });
    }

    private static final String HIT_SELECT = """
            select c.id, c.status, c.organisation, c.level, c.sector, c.technology, c.value, c.tags, c.submitted_at,
                   v.lang, v.title, v.summary
            from cases_case c
            join lateral (select lang, title, summary from cases_version v where v.case_id = c.id
                          order by (v.lang = :lang) desc, v.lang limit 1) v on true""";

    private static Hit hit(ResultSet rs) throws SQLException {
        return new Hit(rs.getLong("id"), rs.getString("status"), rs.getString("lang"), rs.getString("title"),
                rs.getString("summary"), rs.getString("organisation"), rs.getString("level"), rs.getString("sector"),
                rs.getString("technology"), rs.getString("value"), strings(rs, "tags"),
                rs.getObject("submitted_at", OffsetDateTime.class));
    }

    /**
     * The condition of a search on {@code cases_case c}: its words match a version in that version's language
     * (Danish stemming for Danish texts, English for English ones), and each chosen classification and tag.
     */
    private static void where(Search s, String series, String status, StringBuilder where, Map<String, Object> binds) {
        where.append("c.series = :series and c.status = :status");
        binds.put("series", series);
        binds.put("status", status);
        if (!s.words().isBlank()) {
            where.append(" ").append("""
                     and exists (select 1 from cases_version v where v.case_id = c.id
                                 and ((v.lang = 'da' and v.search @@ websearch_to_tsquery('danish', :words))
                                      or (v.lang = 'en' and v.search @@ websearch_to_tsquery('english', :words))))""");
            binds.put("words", s.words());
        }
        for (Map.Entry<Classification.Kind, String> f : s.filters().entrySet()) {
            // the column is one of four fixed names; the value is bound
            String column = f.getKey().code();
            where.append(" and c.").append(column).append(" = :f_").append(column);
            binds.put("f_" + column, f.getValue());
        }
        if (s.tag() != null && !s.tag().isBlank()) {
            where.append(" and exists (select 1 from unnest(c.tags) t where lower(t) = lower(:tag))");
            binds.put("tag", s.tag());
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    // ------------------------------------------------------------------------------------------ personal links

    /**
     * A new personal submission link; for a response, it replaces the response's earlier unused one (a respondent
     * who asks again gets a working link, and only one). Answers the secret, which is stored only as its hash.
     */
    public String issueInvite(String series, Long responseId, String createdBy, Duration valid) {
        Tokens.Token token = Tokens.generate();
        jdbi.useTransaction(h -> {
            if (responseId != null) {
                h.createUpdate("delete from cases_invite where response_id = ? and case_id is null").bind(0, responseId).execute();
                h.createUpdate("update cases_invite set response_id = null where response_id = ?").bind(0, responseId).execute();
            }
            h.createUpdate("""
                            insert into cases_invite (series, token_hash, response_id, created_by, expires_at)
                            values (:s, :t, :r, :by, now() + make_interval(secs => :v))""")
                    .bind("s", series).bind("t", token.hash()).bind("r", responseId).bind("by", createdBy)
                    .bind("v", (double) valid.toSeconds()).execute();
        });
        return token.value();
    }

    /** The personal link of a secret, if it is one (expired and used ones too: the page says which). */
    public Optional<Invite> invite(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("select * from cases_invite where token_hash = ?")
                .bind(0, Tokens.hash(token))
                .map((rs, c) -> new Invite(rs.getLong("id"), rs.getString("series"), (Long) rs.getObject("response_id"),
                        rs.getObject("expires_at", OffsetDateTime.class), (Long) rs.getObject("case_id")))
                .findOne());
    }
}

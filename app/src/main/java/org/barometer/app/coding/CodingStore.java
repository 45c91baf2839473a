package org.barometer.app.coding;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The coding of open answers: {@code coding_question} (a question under coding, its double-coded share and seed),
 * {@code coding_frame} and {@code coding_category} (the frame's versions), {@code coding_double} (the answers drawn
 * to be coded twice), {@code coding_code} (each coder's codes) and {@code coding_final} (the codes the coded variable
 * is made of). Reads the submitted answers of the edition ({@code respond_response}, {@code fieldwork_invitation}).
 * Every change to one question's codes runs under a lock of its {@code coding_question} row, so that two coders
 * never both take the same answer.
 */
public final class CodingStore {
    private final Jdbi jdbi;

    public CodingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored version of a question's frame. */
    public record Frame(long id, long editionId, String question, int version, boolean multiple, String fileName,
                        List<FrameCategory> categories) {
        public Frame {
            categories = List.copyOf(categories);
        }

        public Optional<FrameCategory> category(String code) {
            return categories.stream().filter(c -> c.code().equals(code)).findFirst();
        }

        /** The codes of the frame, in its order. */
        public List<String> codes() {
            return categories.stream().map(FrameCategory::code).toList();
        }

        /** The codes with every category above each of them in the hierarchy. */
        public Set<String> withCategoriesAbove(List<String> codes) {
            Set<String> out = new java.util.HashSet<>();
            for (String code : codes) {
                for (String c = code; c != null && out.add(c); ) {
                    String here = c;
                    c = category(here).map(FrameCategory::parent).orElse(null);
                }
            }
            return out;
        }

        /** How deep a category sits in the hierarchy (0 at the top). */
        public int depth(FrameCategory category) {
            int depth = 0;
            String parent = category.parent();
            while (parent != null && depth < categories.size()) {
                String p = parent;
                parent = category(p).map(FrameCategory::parent).orElse(null);
                depth++;
            }
            return depth;
        }
    }

    /** A question under coding: its current frame (if any) and its double-coded share. */
    public record Question(long editionId, String question, double doubleShare, long seed, int answers, int doubled,
                           int finals, int disagreements) {}

    /** A submitted open answer to be coded. */
    public record Answer(long responseId, String text) {}

    /** One coder's codes of an answer. */
    public record Codes(long coderId, String coder, List<String> codes) {
        public Codes {
            codes = List.copyOf(codes);
        }
    }

    /** An answer coded twice: both coders' codes (the first coder's first). */
    public record DoubleCoded(long responseId, String text, Codes first, Codes second) {
        public boolean agree() {
            return Set.copyOf(first.codes()).equals(Set.copyOf(second.codes()));
        }
    }

    /** Codes refused, with a text key and arguments; nothing was stored. */
    public static final class Refused extends Exception {
        private final String key;
        private final transient Object[] args;

        public Refused(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args;
        }
    }

    /** The question's state, when it is under coding. */
    public Optional<Question> question(long editionId, String question) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select q.double_share, q.seed,
                          (select count(*) from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                            where i.edition_id = q.edition_id and not i.test and r.state = 'submitted'
                              and coalesce(r.answers->>q.question, '') <> '') as answers,
                          (select count(*) from coding_double d where d.edition_id = q.edition_id and d.question = q.question) as doubled,
                          (select count(*) from coding_final f where f.edition_id = q.edition_id and f.question = q.question) as finals
                        from coding_question q where q.edition_id = :e and q.question = :q""")
                .bind("e", editionId).bind("q", question)
                .map((rs, c) -> new Question(editionId, question, rs.getDouble("double_share"), rs.getLong("seed"),
                        rs.getInt("answers"), rs.getInt("doubled"), rs.getInt("finals"),
                        disagreements(h, editionId, question).size()))
                .findOne());
    }

    /** The current (highest) version of the question's frame. */
    public Optional<Frame> currentFrame(long editionId, String question) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id from coding_frame where edition_id = :e and question = :q order by version desc limit 1""")
                .bind("e", editionId).bind("q", question).mapTo(Long.class).findOne().map(id -> frame(h, id)));
    }

    /** Every version of the question's frame, the newest first: (version, file name, categories). */
    public List<Frame> frames(long editionId, String question) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id from coding_frame where edition_id = :e and question = :q order by version desc""")
                .bind("e", editionId).bind("q", question).mapTo(Long.class).list().stream().map(id -> frame(h, id)).toList());
    }

    /**
     * Stores a new version of the question's frame, checked already ({@link FrameFile}); the question is put under
     * coding with a fresh seed if it was not. Answers coded under an earlier version keep their codes; coders code
     * from now on under this one.
     */
    public Frame saveFrame(long editionId, String question, boolean multiple, String fileName,
                           List<FrameCategory> categories, Long userId) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a coding frame needs a category");
        }
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                            insert into coding_question (edition_id, question, seed) values (:e, :q, :seed)
                            on conflict do nothing""")
                    .bind("e", editionId).bind("q", question).bind("seed", new SplittableRandom().nextLong()).execute();
            locked(h, editionId, question);
            int version = h.createQuery("""
                            select coalesce(max(version), 0) + 1 from coding_frame where edition_id = :e and question = :q""")
                    .bind("e", editionId).bind("q", question).mapTo(Integer.class).one();
            long id = h.createUpdate("""
                            insert into coding_frame (edition_id, question, version, multiple, file_name, created_by)
                            values (:e, :q, :v, :m, :f, :u)""")
                    .bind("e", editionId).bind("q", question).bind("v", version).bind("m", multiple)
                    .bind("f", fileName).bind("u", userId).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            var batch = h.prepareBatch("""
                    insert into coding_category (frame_id, position, code, parent, label_da, label_en, definition_da,
                      definition_en, examples_da, examples_en, keywords_da, keywords_en)
                    values (:f, :p, :code, :parent, :ld, :le, :dd, :de, :xd, :xe, :kd, :ke)""");
            for (int k = 0; k < categories.size(); k++) {
                FrameCategory c = categories.get(k);
                batch.bind("f", id).bind("p", k).bind("code", c.code()).bind("parent", c.parent())
                        .bind("ld", c.labelDa()).bind("le", c.labelEn()).bind("dd", c.definitionDa())
                        .bind("de", c.definitionEn()).bind("xd", c.examplesDa()).bind("xe", c.examplesEn())
                        .bind("kd", c.keywordsDa()).bind("ke", c.keywordsEn()).add();
            }
            batch.execute();
            return frame(h, id);
        });
    }

    /**
     * Sets the share of the question's answers coded twice and draws them, with the question's recorded seed (or the
     * one given): every submitted answer not yet finally coded is drawn with that probability's exact share, in a
     * shuffle of the answers by response id. Answers already finally coded keep their codes and stay out of the draw.
     */
    public int setDoubleShare(long editionId, String question, double share, Long seed) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
        }
        return jdbi.inTransaction(h -> {
            if (!locked(h, editionId, question)) {
                throw new IllegalStateException("question " + question + " of edition " + editionId + " has no coding frame");
            }
            if (seed != null) {
                h.createUpdate("update coding_question set seed = :s where edition_id = :e and question = :q")
                        .bind("s", seed).bind("e", editionId).bind("q", question).execute();
            }
            long usedSeed = h.createQuery("select seed from coding_question where edition_id = :e and question = :q")
                    .bind("e", editionId).bind("q", question).mapTo(Long.class).one();
            h.createUpdate("update coding_question set double_share = :s where edition_id = :e and question = :q")
                    .bind("s", share).bind("e", editionId).bind("q", question).execute();
            h.createUpdate("""
                            delete from coding_double d where d.edition_id = :e and d.question = :q
                            and not exists (select 1 from coding_final f where f.edition_id = d.edition_id
                              and f.question = d.question and f.response_id = d.response_id)""")
                    .bind("e", editionId).bind("q", question).execute();
            List<Long> open = h.createQuery("""
                            select r.id from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                            where i.edition_id = :e and not i.test and r.state = 'submitted'
                              and coalesce(r.answers->>:q, '') <> ''
                              and not exists (select 1 from coding_final f where f.edition_id = :e and f.question = :q
                                and f.response_id = r.id)
                            order by r.id""")
                    .bind("e", editionId).bind("q", question).mapTo(Long.class).list();
            List<Long> shuffled = new ArrayList<>(open);
            SplittableRandom random = new SplittableRandom(usedSeed);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Long t = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, t);
            }
            int drawn = (int) Math.round(share * shuffled.size());
            var batch = h.prepareBatch("""
                    insert into coding_double (edition_id, question, response_id) values (:e, :q, :r) on conflict do nothing""");
            for (Long r : shuffled.subList(0, drawn)) {
                batch.bind("e", editionId).bind("q", question).bind("r", r).add();
            }
            if (drawn > 0) {
                batch.execute();
            }
            return drawn;
        });
    }

    /**
     * The next answer for this coder: first one drawn for double coding that another coder has coded once (so the
     * sample is finished first), else one nobody has coded; in order of response id. Nothing of any other coder's
     * codes comes with it.
     */
    public Optional<Answer> next(long editionId, String question, long coderId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select r.id, r.answers->>:q as text,
                          exists (select 1 from coding_double d where d.edition_id = :e and d.question = :q and d.response_id = r.id) as doubled,
                          (select count(*) from coding_code c where c.edition_id = :e and c.question = :q and c.response_id = r.id) as codings
                        from respond_response r join fieldwork_invitation i on i.id = r.invitation_id
                        where i.edition_id = :e and not i.test and r.state = 'submitted' and coalesce(r.answers->>:q, '') <> ''
                          and not exists (select 1 from coding_final f where f.edition_id = :e and f.question = :q and f.response_id = r.id)
                          and not exists (select 1 from coding_code c where c.edition_id = :e and c.question = :q
                            and c.response_id = r.id and c.coder_id = :coder)
                        order by (select count(*) from coding_code c where c.edition_id = :e and c.question = :q and c.response_id = r.id) desc, r.id""")
                .bind("e", editionId).bind("q", question).bind("coder", coderId)
                .map((rs, c) -> rs.getInt("codings") == 0 || rs.getBoolean("doubled") && rs.getInt("codings") == 1
                        ? new Answer(rs.getLong("id"), rs.getString("text")) : null)
                .stream().filter(java.util.Objects::nonNull).findFirst());
    }

    /** Every submitted answer of the question, in order of response id. */
    public List<Answer> answers(long editionId, String question) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select r.id, r.answers->>:q as text from respond_response r
                        join fieldwork_invitation i on i.id = r.invitation_id
                        where i.edition_id = :e and not i.test and r.state = 'submitted' and coalesce(r.answers->>:q, '') <> ''
                        order by r.id""")
                .bind("e", editionId).bind("q", question)
                .map((rs, c) -> new Answer(rs.getLong("id"), rs.getString("text"))).list());
    }

    /** Whether the answer was drawn to be coded twice. */
    public boolean isDoubled(long editionId, String question, long responseId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select exists (select 1 from coding_double where edition_id = :e and question = :q and response_id = :r)""")
                .bind("e", editionId).bind("q", question).bind("r", responseId).mapTo(Boolean.class).one());
    }

    /**
     * The question's finally coded answers, each with its stems under the text search configuration
     * ({@link Suggestions#textSearchConfig}), for suggestions.
     */
    public List<Suggestions.Coded> codedAnswers(long editionId, String question, String textSearchConfig) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select r.answers->>:q as text,
                          tsvector_to_array(to_tsvector(cast(:cfg as regconfig), r.answers->>:q)) as stems, f.codes
                        from coding_final f join respond_response r on r.id = f.response_id
                        where f.edition_id = :e and f.question = :q and coalesce(r.answers->>:q, '') <> ''
                        order by f.response_id""")
                .bind("e", editionId).bind("q", question).bind("cfg", textSearchConfig)
                .map((rs, c) -> new Suggestions.Coded(rs.getString("text"),
                        Set.of((String[]) rs.getArray("stems").getArray()), codes(rs)))
                .list());
    }

    /** A text's stems under the text search configuration. */
    public Set<String> stems(String text, String textSearchConfig) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select tsvector_to_array(to_tsvector(cast(:cfg as regconfig), :t))""")
                .bind("cfg", textSearchConfig).bind("t", text)
                .map((rs, c) -> Set.of((String[]) rs.getArray(1).getArray())).one());
    }

    /** The confidence (0 to 1) from which the question's suggestions are ticked in advance; 0.9 until set. */
    public double suggestThreshold(long editionId, String question) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select suggest_threshold from coding_question where edition_id = :e and question = :q""")
                .bind("e", editionId).bind("q", question).mapTo(Double.class).findOne().orElse(0.9));
    }

    /** Sets the confidence from which suggestions are ticked in advance; the question must be under coding. */
    public void setSuggestThreshold(long editionId, String question, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("a threshold is between 0 and 1, not " + threshold);
        }
        int updated = jdbi.withHandle(h -> h.createUpdate("""
                        update coding_question set suggest_threshold = :t where edition_id = :e and question = :q""")
                .bind("t", threshold).bind("e", editionId).bind("q", question).execute());
        if (updated == 0) {
            throw new IllegalStateException("question " + question + " of edition " + editionId + " has no coding frame");
        }
    }

    /** The answer's text, when it is a submitted answer of the question. */
    public Optional<Answer> answer(long editionId, String question, long responseId) {
        return jdbi.withHandle(h -> answer(h, editionId, question, responseId));
    }

    private static Optional<Answer> answer(Handle h, long editionId, String question, long responseId) {
        return h.createQuery("""
                        select r.id, r.answers->>:q as text from respond_response r
                        join fieldwork_invitation i on i.id = r.invitation_id
                        where r.id = :r and i.edition_id = :e and not i.test and r.state = 'submitted'
                          and coalesce(r.answers->>:q, '') <> ''""")
                .bind("e", editionId).bind("q", question).bind("r", responseId)
                .map((rs, c) -> new Answer(rs.getLong("id"), rs.getString("text"))).findOne();
    }

    /**
     * Stores a coder's codes of an answer, under the question's current frame. An answer not drawn for double coding
     * is final with its one coding; one drawn is final when the second coder gives the same codes, and goes to
     * adjudication when not.
     *
     * @return whether the answer now has its final codes
     * @throws Refused when a code is not in the frame, several are given where the frame allows one, none is
     *                 given, or the answer is not this coder's to code (coded already, or by two coders already)
     */
    public boolean code(long editionId, String question, long responseId, long coderId, Collection<String> codes)
            throws Refused {
        return jdbi.inTransaction(h -> {
            lock(h, editionId, question);
            Frame frame = currentFrame(h, editionId, question).orElseThrow(() -> new Refused("coding.refused.noFrame"));
            List<String> checked = check(frame, codes);
            if (answer(h, editionId, question, responseId).isEmpty()) {
                throw new Refused("coding.refused.noAnswer", responseId);
            }
            if (hasFinal(h, editionId, question, responseId)) {
                throw new Refused("coding.refused.final");
            }
            List<Codes> earlier = codings(h, editionId, question, responseId);
            boolean doubled = h.createQuery("""
                            select exists (select 1 from coding_double where edition_id = :e and question = :q and response_id = :r)""")
                    .bind("e", editionId).bind("q", question).bind("r", responseId).mapTo(Boolean.class).one();
            if (earlier.stream().anyMatch(c -> c.coderId() == coderId)) {
                throw new Refused("coding.refused.already");
            }
            if (earlier.size() >= (doubled ? 2 : 1)) {
                throw new Refused("coding.refused.taken");
            }
            h.createUpdate("""
                            insert into coding_code (edition_id, question, response_id, coder_id, frame_id, codes)
                            values (:e, :q, :r, :c, :f, :codes)""")
                    .bind("e", editionId).bind("q", question).bind("r", responseId).bind("c", coderId)
                    .bind("f", frame.id()).bindArray("codes", String.class, checked).execute();
            boolean decided = !doubled
                    || earlier.size() == 1 && Set.copyOf(earlier.getFirst().codes()).equals(Set.copyOf(checked));
            if (decided) {
                insertFinal(h, editionId, question, responseId, frame.id(), checked, null);
            }
            return decided;
        });
    }

    /**
     * An adjudicator's decision on an answer whose two coders disagree: the final codes.
     *
     * @throws Refused when a code is not in the frame, or the answer is no open disagreement
     */
    public void adjudicate(long editionId, String question, long responseId, long adjudicatorId, Collection<String> codes)
            throws Refused {
        jdbi.useTransaction(h -> {
            lock(h, editionId, question);
            Frame frame = currentFrame(h, editionId, question).orElseThrow(() -> new Refused("coding.refused.noFrame"));
            List<String> checked = check(frame, codes);
            List<Codes> two = codings(h, editionId, question, responseId);
            if (two.size() != 2 || Set.copyOf(two.get(0).codes()).equals(Set.copyOf(two.get(1).codes()))
                    || hasFinal(h, editionId, question, responseId)) {
                throw new Refused("coding.refused.noDisagreement", responseId);
            }
            insertFinal(h, editionId, question, responseId, frame.id(), checked, adjudicatorId);
        });
    }

    /** The answers coded twice whose coders disagree and that no adjudicator has decided, in order of response id. */
    public List<DoubleCoded> disagreements(long editionId, String question) {
        return jdbi.withHandle(h -> disagreements(h, editionId, question));
    }

    /** Every answer coded by two coders, in order of response id (the material of the agreement measures). */
    public List<DoubleCoded> doubleCoded(long editionId, String question) {
        return jdbi.withHandle(h -> doubleCoded(h, editionId, question));
    }

    /** The final codes of every finally coded answer of the question, by response id. */
    public java.util.Map<Long, List<String>> finals(long editionId, String question) {
        return jdbi.withHandle(h -> {
            java.util.Map<Long, List<String>> out = new java.util.LinkedHashMap<>();
            h.createQuery("select response_id, codes from coding_final where edition_id = :e and question = :q order by response_id")
                    .bind("e", editionId).bind("q", question)
                    .map((rs, c) -> java.util.Map.entry(rs.getLong(1), codes(rs)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private static List<DoubleCoded> disagreements(Handle h, long editionId, String question) {
        return doubleCoded(h, editionId, question).stream()
                .filter(d -> !d.agree() && !hasFinal(h, editionId, question, d.responseId())).toList();
    }

    private static List<DoubleCoded> doubleCoded(Handle h, long editionId, String question) {
        List<Long> ids = h.createQuery("""
                        select response_id from coding_code where edition_id = :e and question = :q
                        group by response_id having count(*) = 2 order by response_id""")
                .bind("e", editionId).bind("q", question).mapTo(Long.class).list();
        List<DoubleCoded> out = new ArrayList<>();
        for (long id : ids) {
            List<Codes> two = codings(h, editionId, question, id);
            String text = h.createQuery("select answers->>:q from respond_response where id = :r")
                    .bind("q", question).bind("r", id).mapTo(String.class).one();
            out.add(new DoubleCoded(id, text, two.get(0), two.get(1)));
        }
        return out;
    }

    private static List<Codes> codings(Handle h, long editionId, String question, long responseId) {
        return h.createQuery("""
                        select c.coder_id, u.username, c.codes from coding_code c join app_user u on u.id = c.coder_id
                        where c.edition_id = :e and c.question = :q and c.response_id = :r order by c.coded_at, c.coder_id""")
                .bind("e", editionId).bind("q", question).bind("r", responseId)
                .map((rs, c) -> new Codes(rs.getLong(1), rs.getString(2), codes(rs))).list();
    }

    private static boolean hasFinal(Handle h, long editionId, String question, long responseId) {
        return h.createQuery("""
                        select exists (select 1 from coding_final where edition_id = :e and question = :q and response_id = :r)""")
                .bind("e", editionId).bind("q", question).bind("r", responseId).mapTo(Boolean.class).one();
    }

    private static void insertFinal(Handle h, long editionId, String question, long responseId, long frameId,
                                    List<String> codes, Long adjudicator) {
        h.createUpdate("""
                        insert into coding_final (edition_id, question, response_id, frame_id, codes, adjudicated_by)
                        values (:e, :q, :r, :f, :codes, :a)""")
                .bind("e", editionId).bind("q", question).bind("r", responseId).bind("f", frameId)
                .bindArray("codes", String.class, codes).bind("a", adjudicator).execute();
    }

    /** The codes as the frame allows them: at least one, each in the frame, one only unless it allows several. */
    private static List<String> check(Frame frame, Collection<String> codes) throws Refused {
        Set<String> distinct = new LinkedHashSet<>(codes == null ? List.of() : codes);
        if (distinct.isEmpty()) {
            throw new Refused("coding.refused.none");
        }
        for (String code : distinct) {
            if (frame.category(code).isEmpty()) {
                throw new Refused("coding.refused.notInFrame", code, frame.version(), String.join(", ", frame.codes()));
            }
        }
        if (!frame.multiple() && distinct.size() > 1) {
            throw new Refused("coding.refused.onlyOne", distinct.size());
        }
        return List.copyOf(distinct);
    }

    private static void lock(Handle h, long editionId, String question) throws Refused {
        if (!locked(h, editionId, question)) {
            throw new Refused("coding.refused.noFrame");
        }
    }

    /** Locks the question's row for the transaction; false when the question is not under coding. */
    private static boolean locked(Handle h, long editionId, String question) {
        return h.createQuery("select 1 from coding_question where edition_id = :e and question = :q for update")
                .bind("e", editionId).bind("q", question).mapTo(Integer.class).findOne().isPresent();
    }

    private static Optional<Frame> currentFrame(Handle h, long editionId, String question) {
        return h.createQuery("""
                        select id from coding_frame where edition_id = :e and question = :q order by version desc limit 1""")
                .bind("e", editionId).bind("q", question).mapTo(Long.class).findOne().map(id -> frame(h, id));
    }

    private static Frame frame(Handle h, long id) {
        List<FrameCategory> categories = h.createQuery("""
                        select code, parent, label_da, label_en, definition_da, definition_en, examples_da, examples_en,
                          keywords_da, keywords_en
                        from coding_category where frame_id = :f order by position""")
                .bind("f", id)
                .map((rs, c) -> new FrameCategory(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10))).list();
        return h.createQuery("select edition_id, question, version, multiple, file_name from coding_frame where id = :f")
                .bind("f", id)
                .map((rs, c) -> new Frame(id, rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getString(5), categories)).one();
    }

    private static List<String> codes(ResultSet rs) throws SQLException {
        Array array = rs.getArray("codes");
        return Arrays.asList((String[]) array.getArray());
    }
}

package org.barometer.app.selftest;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.barometer.app.http.Admission;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;
import org.barometer.app.portal.PublishedEdition;
import org.barometer.app.portal.PublishedEditions;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.respond.EntryView;
import org.barometer.app.respond.QuestionView;
import org.barometer.app.respond.RespondPages;
import org.barometer.app.text.Language;
import org.barometer.app.text.LocalizedText;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.SaveResult;
import org.barometer.forms.engine.Violation;
import org.barometer.forms.model.Question;

/**
 * The self-test at {@code /portal/self-test}: a visitor chooses the group to be compared with (and may enter a group
 * code), answers the questions the edition's {@code selfTest} section chooses — drawn and checked by the answer
 * engine and the same components as a respondent's questionnaire — and gets the answers beside the group's and
 * everyone's published shares, as a page and as a PDF. The offered edition is the newest published one with a
 * self-test.
 *
 * <p>Anonymous: nothing identifies the visitor, and only counters are kept ({@link SelfTestStore}). Each client may
 * send at most {@link #perMinute()} answered self-tests and PDFs a minute ({@code BAROMETER_SELF_TEST_PER_MINUTE},
 * default {@value #DEFAULT_PER_MINUTE}), counted by {@link Admission} as the case library's submissions are; past
 * that the answer is 429. Group codes are made by staff ({@code /admin/self-test}); a group's organiser follows it
 * through a secret link that shows its answers only in whole batches of the edition's k.
 */
public final class SelfTestPages {
    public static final String PREFIX = org.barometer.app.portal.PortalPages.SELF_TEST;
    public static final int DEFAULT_PER_MINUTE = 10;
    /** The admission bucket of answered self-tests and their PDFs. */
    static final String BUCKET = "self-test";
    /** The longest group code, answer or group choice read; anything longer is refused before it is looked at. */
    public static final int FIELD_MAX = 100;
    /**
     * The number that orders a self-test's randomized lists: a visitor has no number of their own (nothing
     * identifies them), so every visitor sees the same order.
     */
    static final long ORDER_SEED = 0;
    /** The longest list of the questions a page showed that is read. */
    static final int SEEN_MAX = 10_000;
    /** The longest label of a group. */
    public static final int LABEL_MAX = 120;
    /** The most groups that may be running at once: a bound on what staff can make the database keep. */
    public static final int MAX_ACTIVE_GROUPS = 500;
    /** Expired groups are deleted, with their counts, this many days after they expire. */
    public static final int KEEP_EXPIRED_DAYS = 90;

    private final PublishedEditions publications;
    private final Admission admission;
    private final SelfTestStore store;
    private final int perMinute;
    /** The answer engine of each self-test, made once per published edition. */
    private final Map<EditionSpec.SelfTest, AnswerEngine> engines = Collections.synchronizedMap(new IdentityHashMap<>());

    public SelfTestPages(Platform platform, PublishedEditions publications, Admission admission) {
        this.publications = publications;
        this.admission = admission;
        this.store = new SelfTestStore(platform.jdbi());
        this.perMinute = platform.config().integer("BAROMETER_SELF_TEST_PER_MINUTE", DEFAULT_PER_MINUTE, 1, 10_000);
    }

    /** Answered self-tests (and PDFs) a client may send per minute. */
    public int perMinute() {
        return perMinute;
    }

    /** The edition that offers the self-test: the newest published edition with one. */
    record Offered(PublishedEditions.Entry entry, EditionSpec.SelfTest test) {
        PublishedEdition edition() {
            return entry.edition();
        }
    }

    private Optional<Offered> offered() {
        for (PublishedEditions.Entry e : publications.editions()) {
            if (e.edition().spec().selfTest() != null && !e.edition().preview()) {
                return Optional.of(new Offered(e, e.edition().spec().selfTest()));
            }
        }
        return Optional.empty();
    }

    private Offered offeredOr404(Context ctx) {
        return offered().orElseThrow(() -> new NotFoundResponse(Web.t(ctx, "selftest.none")));
    }

    // ------------------------------------------------------------------------------------------ the visitor

    /** A comparison group a visitor may choose. */
    public record GroupChoice(String code, String label, boolean checked) {}

    /** The start page's data. */
    public record StartView(String title, String intro, List<GroupChoice> groups, String code,
                            List<FieldError> errors, int perMinute) {}

    public void start(Context ctx) {
        Offered o = offeredOr404(ctx);
        renderStart(ctx, o, null, "", List.of(), HttpStatus.OK);
    }

    private void renderStart(Context ctx, Offered o, String chosen, String code, List<FieldError> errors,
                             HttpStatus status) {
        Language m = Web.language(ctx);
        List<GroupChoice> groups = new ArrayList<>();
        o.edition().spec().categories(o.test().comparison())
                .forEach((c, label) -> groups.add(new GroupChoice(c, label.in(m.locale()), c.equals(chosen))));
        String intro = o.test().intro() != null ? o.test().intro().in(m.locale())
                : m.t("selftest.start.lead", o.edition().spec().portal().population().in(m.locale()));
        ctx.status(status);
        Web.render(ctx, "selftest/start.jte", "view", new StartView(title(o, m), intro, groups, code, errors,
                perMinute));
    }

    /** The questions page's data: the choices made on the start page travel with the form. */
    public record QuestionsView(String title, String group, String groupLabel, String code, String groupName,
                                List<EntryView> entries, List<QuestionView> questions, List<QuestionView> errors,
                                boolean appeared) {
        public String shownNames() {
            return String.join(" ", questions.stream().map(QuestionView::name).toList());
        }
    }

    /** The questions, after the comparison group (and any group code) is checked. */
    public void questions(Context ctx) {
        Offered o = offeredOr404(ctx);
        Choice choice = choice(ctx, o, ctx.queryParam("group"), ctx.queryParam("code"));
        if (choice == null) {
            return;
        }
        renderQuestions(ctx, o, choice, Map.of(), Map.of(), false, HttpStatus.OK);
    }

    /** The comparison group and the group code a visitor chose, checked. */
    private record Choice(String group, SelfTestStore.Group code) {}

    /**
     * Reads and checks the comparison group and the group code; when either is wrong, shows the start page again
     * with the problem beside its field (an expired code: 410) and answers null.
     */
    private Choice choice(Context ctx, Offered o, String group, String code) {
        List<FieldError> errors = new ArrayList<>();
        String g = bounded(group);
        String c = bounded(code) == null ? null : bounded(code).toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        if (g == null || !o.edition().spec().categories(o.test().comparison()).containsKey(g)) {
            errors.add(new FieldError("group", g == null ? "selftest.error.tooLong" : "selftest.error.group",
                    FIELD_MAX));
        }
        SelfTestStore.Group found = null;
        if (c == null) {
            errors.add(new FieldError("code", "selftest.error.tooLong", FIELD_MAX));
        } else if (!c.isEmpty()) {
            if (!c.matches("[A-Z0-9]{" + SelfTestStore.CODE_LENGTH + "}")) {
                errors.add(new FieldError("code", "selftest.error.codeForm", SelfTestStore.CODE_LENGTH));
            } else {
                found = store.byCode(c).filter(x -> x.editionId() == o.entry().editionId()).orElse(null);
                if (found == null) {
                    errors.add(new FieldError("code", "selftest.error.codeUnknown", c));
                } else if (found.expired(Instant.now())) {
                    errors.add(new FieldError("code", "selftest.error.codeExpired", c,
                            Web.page(ctx).time(found.expiresAt())));
                    status = HttpStatus.GONE;
                    found = null;
                }
            }
        }
        if (!errors.isEmpty()) {
            renderStart(ctx, o, g, code == null ? "" : code.length() > FIELD_MAX ? "" : code.strip(), errors, status);
            return null;
        }
        return new Choice(g, found);
    }

    private void renderQuestions(Context ctx, Offered o, Choice choice, Map<String, String> answers,
                                 Map<String, String> errors, boolean appeared, HttpStatus status) {
        Language m = Web.language(ctx);
        AnswerEngine engine = engine(o.test());
        // the self-test asks no question with a picture (refused at the door), so there are none to serve
        RespondPages.Drawn drawn = RespondPages.draw(engine, engine.content(0, answers), answers, m.code(), errors,
                ORDER_SEED, PREFIX + "/");
        List<QuestionView> inError = drawn.questions().stream().filter(v -> v.error() != null).toList();
        ctx.status(status);
        Web.render(ctx, "selftest/questions.jte", "view", new QuestionsView(title(o, m), choice.group(),
                groupLabel(o.edition().spec(), choice.group(), m), choice.code() == null ? "" : choice.code().code(),
                choice.code() == null ? null : choice.code().label(), drawn.entries(), drawn.questions(), inError,
                appeared));
    }

    /** The result page's data; the answers travel on in hidden fields, for the PDF. */
    public record ResultView(String title, SelfTestResult result, Map<String, String> answers, String code,
                             String groupName, String seen) {}

    /**
     * Checks the answers with the answer engine, counts the completed self-test (its counters only) and shows the
     * result. Answers with a problem are shown again beside their questions, and nothing is counted.
     */
    public void result(Context ctx) {
        admission.count(ctx, BUCKET, perMinute);
        Offered o = offeredOr404(ctx);
        Answered a = answered(ctx, o, true);
        if (a == null) {
            return;
        }
        Long group = a.choice().code() == null ? null : a.choice().code().id();
        if (store.record(o.entry().editionId(), a.choice().group(), a.answers(), group)
                == SelfTestStore.Recorded.GROUP_EXPIRED) {
            renderStart(ctx, o, a.choice().group(), a.choice().code().code(), List.of(new FieldError("code",
                    "selftest.error.codeExpired", a.choice().code().code(),
                    Web.page(ctx).time(a.choice().code().expiresAt()))), HttpStatus.GONE);
            return;
        }
        Language m = Web.language(ctx);
        SelfTestResult result = SelfTestResult.of(o.edition(), a.choice().group(), a.answers(), m);
        String seen = String.join(" ", engine(o.test()).visibleQuestions(0, a.answers()).stream()
                .map(Question::name).toList());
        Web.render(ctx, "selftest/result.jte", "view", new ResultView(title(o, m), result, a.answers(),
                a.choice().code() == null ? "" : a.choice().code().code(),
                a.choice().code() == null ? null : a.choice().code().label(), seen));
    }

    /**
     * The result as a tagged PDF, from the answers the result page carries; counts nothing. The group code plays no
     * part in it, so a participant's PDF is made even after the group has expired.
     */
    public void pdf(Context ctx) {
        admission.count(ctx, BUCKET, perMinute);
        Offered o = offeredOr404(ctx);
        Answered a = answered(ctx, o, false);
        if (a == null) {
            return;
        }
        Language m = Web.language(ctx);
        SelfTestResult result = SelfTestResult.of(o.edition(), a.choice().group(), a.answers(), m);
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "attachment; filename=\"self-test-" + m.code() + ".pdf\"");
        ctx.result(SelfTestPdf.of(result, title(o, m), m, Web.platform(ctx).config().setting(SelfTestPdf.FONT_SETTING, "")));
    }

    /** Answers read and checked, with the choice of comparison they were given for. */
    private record Answered(Choice choice, Map<String, String> answers) {}

    /**
     * Reads the form's answers (and the group code, {@code withCode}); when any is wrong, shows the questions again
     * (or the start page) and answers null.
     */
    private Answered answered(Context ctx, Offered o, boolean withCode) {
        Choice choice = choice(ctx, o, ctx.formParam("group"), withCode ? ctx.formParam("code") : "");
        if (choice == null) {
            return null;
        }
        AnswerEngine engine = engine(o.test());
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : o.test().questions()) {
            String raw = ctx.formParam(name);
            String value = RespondPages.clean(raw);
            if (value.length() > FIELD_MAX) {
                errors.put(name, Web.t(ctx, "selftest.error.answerTooLong", FIELD_MAX));
            } else if (!value.isEmpty()) {
                given.put(name, value);
            }
        }
        // the names of the questions the page showed: which ones a visitor has seen, so that one made relevant by
        // the answers just given is shown rather than counted as unanswered
        String seenField = ctx.formParam("_seen") == null ? "" : ctx.formParam("_seen");
        Set<String> seen = new java.util.HashSet<>(List.of(seenField.length() > SEEN_MAX ? new String[0]
                : seenField.strip().split("\\s+")));
        SaveResult saved = engine.savePage(0, Map.of(), errors.isEmpty() ? given : Map.of(), Web.lang(ctx));
        for (Violation v : saved.violations()) {
            errors.putIfAbsent(v.question(), v.message());
        }
        boolean appeared = errors.isEmpty() && engine.visibleQuestions(0, saved.answers()).stream()
                .anyMatch(q -> !seen.contains(q.name()));
        if (!errors.isEmpty() || appeared) {
            // shown as given, so that what is wrong can be corrected; an answer that is not a choice is not kept
            Map<String, String> shown = new LinkedHashMap<>(given);
            shown.keySet().removeIf(errors::containsKey);
            renderQuestions(ctx, o, choice, shown, errors, appeared,
                    errors.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
            return null;
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (String name : o.test().questions()) {
            if (saved.answers().containsKey(name)) {
                answers.put(name, saved.answers().get(name));
            }
        }
        return new Answered(choice, answers);
    }

    // ------------------------------------------------------------------------------------------ the organiser

    /** A question of a group's page: each answer's share in the group (shown batches only) and everyone's. */
    public record GroupRow(String answer, String label, String groupShare, String groupCount, SelfTestResult.Share everyone) {}

    public record GroupQuestion(String name, String label, int answered, List<GroupRow> rows) {}

    public record GroupView(String title, SelfTestStore.Group group, boolean expired, boolean shown, int nextBatch,
                            String population, List<GroupQuestion> questions) {}

    /**
     * The organiser's page of a group: how many have taken part, and — once k have — the group's answers beside
     * everyone's, as of the last whole batch of k, so that one more participant changes nothing on it.
     */
    public void group(Context ctx) {
        SelfTestStore.Group group = store.byOrganiserSecret(bounded(ctx.pathParam("secret")) == null ? ""
                : ctx.pathParam("secret")).orElseThrow(NotFoundResponse::new);
        Offered o = offered().filter(x -> x.entry().editionId() == group.editionId())
                .orElseThrow(NotFoundResponse::new);
        Language m = Web.language(ctx);
        boolean shown = group.shownParticipants() >= group.batch();
        List<GroupQuestion> questions = new ArrayList<>();
        if (shown) {
            Map<String, Map<String, Integer>> counts = store.shownCounts(group.id());
            for (String q : o.test().questions()) {
                var all = SelfTestResult.figure(o.edition(), q, null);
                Map<String, Integer> c = counts.getOrDefault(q, Map.of());
                int answered = c.values().stream().mapToInt(Integer::intValue).sum();
                List<GroupRow> rows = new ArrayList<>();
                o.edition().spec().categories(q).forEach((answer, label) -> {
                    int n = c.getOrDefault(answer, 0);
                    rows.add(new GroupRow(answer, label.in(m.locale()),
                            answered == 0 ? null : SelfTestResult.percent((double) n / answered, m),
                            m.integer(n), SelfTestResult.share(all, "all", answer, m)));
                });
                questions.add(new GroupQuestion(q, all == null ? q : all.spec().question().in(m.locale()), answered, rows));
            }
        }
        int next = (group.participants() / group.batch() + 1) * group.batch();
        Web.render(ctx, "selftest/group.jte", "view", new GroupView(title(o, m), group,
                group.expired(Instant.now()), shown, next, o.edition().spec().portal().population().in(m.locale()),
                questions));
    }

    // ------------------------------------------------------------------------------------------ staff

    /**
     * Staff's page: the groups, the counts of completed self-tests, a form to make a group.
     *
     * @param title the offered self-test's title, or null while no published edition offers one
     */
    public record AdminView(String title, List<SelfTestStore.Group> groups, Map<String, Long> usage,
                            Map<String, String> groupLabels, int batch, int maxDays, String label, String days,
                            List<FieldError> errors, SelfTestStore.NewGroup made, String organiserLink) {}

    /** Staff's page; while no published edition offers a self-test it says so, and lists the groups made before. */
    public void admin(Context ctx) {
        renderAdmin(ctx, offered().orElse(null), "", "", List.of(), null, HttpStatus.OK);
    }

    /** Makes a group code with the label and the days it works; a label with a problem makes nothing. */
    public void createGroup(Context ctx) {
        Offered o = offered().orElse(null);
        if (o == null) {
            renderAdmin(ctx, null, "", "", List.of(new FieldError("label", "selftest.none")), null, HttpStatus.CONFLICT);
            return;
        }
        String label = ctx.formParam("label") == null ? "" : ctx.formParam("label").strip();
        String days = ctx.formParam("days") == null ? "" : ctx.formParam("days").strip();
        List<FieldError> errors = new ArrayList<>();
        if (label.isEmpty()) {
            errors.add(new FieldError("label", "selftest.error.labelMissing"));
        } else if (label.length() > LABEL_MAX) {
            errors.add(new FieldError("label", "selftest.error.labelTooLong", LABEL_MAX));
        } else if (label.contains("<") || label.contains(">") || !RespondPages.clean(label).equals(label)) {
            errors.add(new FieldError("label", "selftest.error.labelMarkup"));
        }
        int d = o.test().groupDays();
        if (!days.isEmpty()) {
            try {
                d = Integer.parseInt(days);
            } catch (NumberFormatException e) {
                d = -1;
            }
            if (d < 1 || d > o.test().groupDays()) {
                errors.add(new FieldError("days", "selftest.error.days", o.test().groupDays()));
            }
        }
        if (errors.isEmpty() && store.activeGroups() >= MAX_ACTIVE_GROUPS) {
            errors.add(new FieldError("label", "selftest.error.tooManyGroups", MAX_ACTIVE_GROUPS));
        }
        if (!errors.isEmpty()) {
            renderAdmin(ctx, o, label.length() > LABEL_MAX ? label.substring(0, LABEL_MAX) : label, days, errors,
                    null, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        store.forgetExpired(KEEP_EXPIRED_DAYS);
        SelfTestStore.NewGroup made = store.createGroup(o.entry().editionId(), label, o.test().batch(),
                Instant.now().plus(Duration.ofDays(d)));
        Web.audit(ctx, "selftest.group", "group " + made.group().id(), made.group().code());
        renderAdmin(ctx, o, "", "", List.of(), made, HttpStatus.CREATED);
    }

    private void renderAdmin(Context ctx, Offered o, String label, String days, List<FieldError> errors,
                             SelfTestStore.NewGroup made, HttpStatus status) {
        Language m = Web.language(ctx);
        Map<String, String> labels = new LinkedHashMap<>();
        if (o != null) {
            o.edition().spec().categories(o.test().comparison()).forEach((c, l) -> labels.put(c, l.in(m.locale())));
        }
        String link = made == null ? null : PREFIX + "/groups/" + made.organiserSecret();
        ctx.status(status);
        Web.render(ctx, "selftest/admin.jte", "view", new AdminView(o == null ? null : title(o, m), store.groups(),
                o == null ? Map.of() : store.usage(o.entry().editionId()), labels, o == null ? 0 : o.test().batch(),
                o == null ? 0 : o.test().groupDays(), label, days, errors, made, link));
    }

    // ------------------------------------------------------------------------------------------ pieces

    private AnswerEngine engine(EditionSpec.SelfTest test) {
        return engines.computeIfAbsent(test, t -> AnswerEngine.of(t.form()));
    }

    private static String title(Offered o, Language m) {
        return m.t("selftest.title", o.edition().spec().portal().title().in(m.locale()));
    }

    /** A comparison group's label in the page's language. */
    static String groupLabel(EditionSpec spec, String group, Language m) {
        LocalizedText label = spec.categories(spec.selfTest().comparison()).get(group);
        return label == null ? group : label.in(m.locale());
    }

    /** A field as sent, stripped; empty when absent; null when longer than {@link #FIELD_MAX}. */
    private static String bounded(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > FIELD_MAX ? null : value.strip();
    }
}

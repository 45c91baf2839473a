package org.barometer.app.respond;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.barometer.app.platform.Platform;
import org.barometer.app.http.Web;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Option;
import org.barometer.forms.engine.Page;
import org.barometer.forms.engine.Violation;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;

import org.barometer.app.edition.FormCache;
/**
 * The respondent's questionnaire: one page per group, saved when the respondent goes on, a "check your answers"
 * page, submission, a thank-you page, and opt-out. Everything is reached through the personal link
 * {@code /r/<token>}; the token is the credential, so the link works on any device and needs no sign-in.
 *
 * <p>Why these POSTs need no session CSRF token: a cross-site forgery must name the URL it posts to, and every URL
 * here contains the respondent's 128-bit secret token, which another site cannot know. The token in the path plays
 * the part of the synchroniser token.
 */
public final class RespondPages {
    /** The longest answer accepted in one field; a longer one is refused with a message beside the field. */
    public static final int MAX_ANSWER_CHARS = 10_000;
    /** The path prefix of every respondent page. */
    public static final String PREFIX = "/r/";

    private final InvitationStore invitations;
    private final ResponseStore store;
    private final FormCache questionnaires;

    public RespondPages(Platform platform) {
        this.invitations = new InvitationStore(platform.jdbi());
        this.store = new ResponseStore(platform.jdbi());
        this.questionnaires = new FormCache(platform.jdbi());
    }

    /** A request this respondent may not make; shown as a page that says why. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String reason;

        Refused(HttpStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status.getCode();
            this.reason = reason;
        }
    }

    /** Answers a refused request with a page that says why. */
    public void refused(Refused e, Context ctx) {
        ctx.status(e.status);
        Web.render(ctx, "respond/refused.jte", "reason", e.reason);
    }

    // ------------------------------------------------------------------------------------------ handlers

    public void resume(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        ResponseStore.Response response = visitOpen(ctx, inv);
        if (response == null) {
            return;
        }
        String base = base(ctx);
        AnswerEngine engine = engine(inv);
        String current = response.currentPage();
        if ("check".equals(current)) {
            ctx.redirect(base + "/check", HttpStatus.SEE_OTHER);
            return;
        }
        int index = current == null ? -1 : pageIndex(engine, current);
        if (index < 0 || engine.visibleQuestions(index, response.answers()).isEmpty()) {
            OptionalInt first = engine.firstPage(response.answers());
            if (first.isEmpty()) {
                ctx.redirect(base + "/check", HttpStatus.SEE_OTHER);
                return;
            }
            index = first.getAsInt();
        }
        ctx.redirect(base + "/p/" + engine.pages().get(index).name(), HttpStatus.SEE_OTHER);
    }

    public void showPage(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        ResponseStore.Response response = visitOpen(ctx, inv);
        if (response == null) {
            return;
        }
        AnswerEngine engine = engine(inv);
        int index = pageIndex(engine, ctx.pathParam("page"));
        if (index < 0) {
            throw new Refused(HttpStatus.NOT_FOUND, "respond.refused.noPage");
        }
        if (engine.visibleQuestions(index, response.answers()).isEmpty()) {
            // Not asked with the answers given: go to where the respondent is.
            ctx.redirect(base(ctx), HttpStatus.SEE_OTHER);
            return;
        }
        renderPage(ctx, engine, index, response.answers(), List.of(), Map.of(), HttpStatus.OK);
    }

    public void savePage(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        AnswerEngine engine = engine(inv);
        int index = pageIndex(engine, ctx.pathParam("page"));
        if (index < 0) {
            throw new Refused(HttpStatus.NOT_FOUND, "respond.refused.noPage");
        }
        UUID saveId;
        try {
            saveId = UUID.fromString(String.valueOf(ctx.formParam("_save")));
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "respond.refused.badForm");
        }
        String lang = Web.lang(ctx);
        Map<String, String> given = pageAnswers(ctx, engine, index);
        Map<String, String> tooLong = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value.length() > MAX_ANSWER_CHARS) {
                tooLong.put(name, Web.t(ctx, "respond.error.tooLong", MAX_ANSWER_CHARS));
            }
        });
        Page page = engine.pages().get(index);
        List<Violation>[] violations = new List[] {List.of()};
        Map<String, String>[] attempted = new Map[] {Map.of()};
        ResponseStore.SaveResult result = store.save(inv.id(), saveId, page.name(),
                new ResponseStore.Paradata(secondsOnPage(ctx), device(ctx)), current -> {
                    Map<String, String> merged = new HashMap<>(current.answers());
                    merged.putAll(given);
                    attempted[0] = merged;
                    if (!tooLong.isEmpty()) {
                        return new ResponseStore.Applied(false, current.answers(), List.of(), null);
                    }
                    var saved = engine.savePage(index, current.answers(), given, lang);
                    violations[0] = saved.violations();
                    OptionalInt next = saved.accepted() ? engine.nextPage(index, saved.answers()) : OptionalInt.empty();
                    return new ResponseStore.Applied(saved.accepted(), saved.answers(), saved.cleared(),
                            next.isPresent() ? engine.pages().get(next.getAsInt()).name() : "check");
                });
        switch (result.outcome()) {
            case SAVED -> {
                // The next page was worked out with the save and stored as the response's current page.
                String next = result.response().currentPage();
                ctx.redirect(base(ctx) + ("check".equals(next) ? "/check" : "/p/" + next), HttpStatus.SEE_OTHER);
            }
            case ALREADY_SAVED -> {
                OptionalInt next = engine.nextPage(index, result.response().answers());
                ctx.redirect(base(ctx) + (next.isPresent() ? "/p/" + engine.pages().get(next.getAsInt()).name() : "/check"),
                        HttpStatus.SEE_OTHER);
            }
            case LOCKED -> throw new Refused(HttpStatus.CONFLICT, "respond.refused.submitted");
            case REJECTED -> {
                Map<String, String> display = new HashMap<>(attempted[0]);
                renderPage(ctx, engine, index, display, violations[0], tooLong, HttpStatus.UNPROCESSABLE_CONTENT);
            }
        }
    }

    public void check(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        ResponseStore.Response response = visitOpen(ctx, inv);
        if (response == null) {
            return;
        }
        Web.render(ctx, "respond/check.jte", "view", checkView(ctx, engine(inv), response.answers()));
    }

    /**
     * Records a visit to the response and returns it; a response already submitted is not reopened: the
     * respondent is sent to the done page and null is returned.
     */
    private ResponseStore.Response visitOpen(Context ctx, InvitationStore.Invitation inv) {
        ResponseStore.Response response = store.visit(inv.id(), Web.lang(ctx), device(ctx));
        if (response.submitted()) {
            ctx.redirect(base(ctx) + "/done", HttpStatus.SEE_OTHER);
            return null;
        }
        return response;
    }

    public void submit(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        ResponseStore.Response response = store.find(inv.id())
                .orElseThrow(() -> new Refused(HttpStatus.CONFLICT, "respond.refused.notStarted"));
        if (response.submitted()) {
            ctx.redirect(base(ctx) + "/done", HttpStatus.SEE_OTHER);
            return;
        }
        AnswerEngine engine = engine(inv);
        if (!engine.checkAll(response.answers(), Web.lang(ctx)).isEmpty()) {
            ctx.redirect(base(ctx) + "/check", HttpStatus.SEE_OTHER);
            return;
        }
        store.submit(inv.id());
        ctx.redirect(base(ctx) + "/done", HttpStatus.SEE_OTHER);
    }

    public void done(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        ResponseStore.Response response = store.find(inv.id()).orElse(null);
        if (response == null || !response.submitted()) {
            ctx.redirect(base(ctx), HttpStatus.SEE_OTHER);
            return;
        }
        Web.render(ctx, "respond/done.jte", "workplace", inv.workplaceName());
    }

    public void optOutForm(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        Web.render(ctx, "respond/optout.jte", "action", base(ctx) + "/opt-out", "done", inv.optedOut());
    }

    public void optOut(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        invitations.optOut(inv.id());
        Web.render(ctx, "respond/optout.jte", "action", base(ctx) + "/opt-out", "done", true);
    }

    // ------------------------------------------------------------------------------------------ pieces

    private InvitationStore.Invitation invitation(Context ctx) {
        InvitationStore.Resolution r = invitations.resolve(ctx.pathParam("token"));
        return switch (r.status()) {
            case VALID -> r.invitation().orElseThrow();
            case EXPIRED -> throw new Refused(HttpStatus.GONE, "respond.refused.expired");
            case MALFORMED, UNKNOWN -> throw new Refused(HttpStatus.NOT_FOUND, "respond.refused.unknown");
        };
    }

    private AnswerEngine engine(InvitationStore.Invitation inv) {
        return questionnaires.forEdition(inv.editionId())
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "respond.refused.noQuestionnaire"));
    }

    private static String base(Context ctx) {
        return PREFIX + ctx.pathParam("token");
    }

    private static String device(Context ctx) {
        return DeviceClass.of(ctx.header("User-Agent")).code();
    }

    private static int pageIndex(AnswerEngine engine, String name) {
        List<Page> pages = engine.pages();
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Seconds since the page was drawn, from its hidden field; null when missing or implausible. */
    private static Integer secondsOnPage(Context ctx) {
        String shown = ctx.formParam("_shown");
        if (shown == null) {
            return null;
        }
        try {
            long seconds = (System.currentTimeMillis() - Long.parseLong(shown.strip())) / 1000;
            return seconds < 0 || seconds > 86_400 ? null : (int) seconds;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The answers the page's form carries, for every answerable question of the page (empty = no answer). */
    private static Map<String, String> pageAnswers(Context ctx, AnswerEngine engine, int index) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Question> byName = new HashMap<>();
        for (Question q : engine.form().questions()) {
            byName.put(q.name(), q);
        }
        for (String name : engine.pages().get(index).questions()) {
            Question q = byName.get(name);
            if (q == null || !q.type().isAnswered()) {
                continue;
            }
            String value = q.type() == QuestionType.SELECT_MULTIPLE
                    ? String.join(" ", ctx.formParams(name))
                    : ctx.formParam(name);
            out.put(name, clean(value));
            if (q.orOther()) {
                out.put(q.otherName(), clean(ctx.formParam(q.otherName())));
            }
        }
        return out;
    }

    /** Trims and drops control characters other than line breaks and tabs (PostgreSQL refuses NUL in text). */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().filter(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t').forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    private void renderPage(Context ctx, AnswerEngine engine, int index, Map<String, String> answers,
                            List<Violation> violations, Map<String, String> extraErrors, HttpStatus status) {
        String lang = Web.lang(ctx);
        Page page = engine.pages().get(index);
        Map<String, String> errors = new LinkedHashMap<>(extraErrors);
        for (Violation v : violations) {
            errors.putIfAbsent(v.question(), v.message());
        }
        List<QuestionView> views = new ArrayList<>();
        List<QuestionView> inError = new ArrayList<>();
        List<Question> visible = new ArrayList<>(engine.visibleQuestions(index, answers));
        // A question the page's own answers made relevant, and which is in error, is shown too.
        for (String name : errors.keySet()) {
            engine.form().question(name).filter(q -> visible.stream().noneMatch(v -> v.name().equals(name)))
                    .filter(q -> page.questions().contains(name)).ifPresent(visible::add);
        }
        for (Question q : visible) {
            String error = errors.get(q.name());
            if (error == null && q.orOther()) {
                error = errors.get(q.otherName());
            }
            QuestionView view = view(engine, q, answers, lang, error);
            views.add(view);
            if (error != null) {
                inError.add(view);
            }
        }
        int[] position = position(engine, index, answers);
        OptionalInt previous = engine.previousPage(index, answers);
        String title = engine.render(page.label(), answers, lang);
        if (title.isBlank()) {
            title = views.isEmpty() ? page.name() : views.getFirst().label();
        }
        PageView view = new PageView(title, base(ctx) + "/p/" + page.name(), UUID.randomUUID().toString(),
                System.currentTimeMillis(), position[0], position[1],
                previous.isPresent() ? base(ctx) + "/p/" + engine.pages().get(previous.getAsInt()).name() : null,
                views, inError);
        ctx.status(status);
        Web.render(ctx, "respond/page.jte", "view", view);
    }

    /** {page number, page count} among the pages this respondent sees with the answers so far. */
    private static int[] position(AnswerEngine engine, int index, Map<String, String> answers) {
        int number = 0;
        int count = 0;
        for (int p = 0; p < engine.pages().size(); p++) {
            if (p == index || !engine.visibleQuestions(p, answers).isEmpty()) {
                count++;
                if (p <= index) {
                    number++;
                }
            }
        }
        return new int[] {number, count};
    }

    private static QuestionView view(AnswerEngine engine, Question q, Map<String, String> answers, String lang,
                                     String error) {
        String id = "f-" + q.name();
        QuestionView.Kind kind = kind(q);
        String answer = answers.getOrDefault(q.name(), "");
        List<OptionView> options = new ArrayList<>();
        if (q.type().isSelect()) {
            List<String> chosen = List.of(answer.split("\\s+"));
            List<Option> offered = engine.options(q.name(), answers, lang);
            for (int i = 0; i < offered.size(); i++) {
                Option o = offered.get(i);
                options.add(new OptionView(i == 0 ? id : id + "-" + i, o.name(), o.label(), chosen.contains(o.name())));
            }
        }
        String label = engine.render(q.label(), answers, lang);
        String hint = engine.render(q.hint(), answers, lang);
        return new QuestionView(id, q.name(), kind, label.isBlank() ? q.name() : label, hint,
                q.required() != null && !q.required().strip().equals("false()"), options, answer, error,
                q.orOther() ? q.otherName() : null, q.orOther() ? engine.otherLabel(lang) : null,
                q.orOther() ? answers.getOrDefault(q.otherName(), "") : null);
    }

    private static QuestionView.Kind kind(Question q) {
        String appearance = q.appearance() == null ? "" : q.appearance().toLowerCase(Locale.ROOT);
        return switch (q.type()) {
            case SELECT_ONE -> appearance.contains("likert") ? QuestionView.Kind.LIKERT
                    : appearance.contains("minimal") ? QuestionView.Kind.SELECT : QuestionView.Kind.RADIOS;
            case SELECT_MULTIPLE -> QuestionView.Kind.CHECKBOXES;
            case INTEGER -> QuestionView.Kind.NUMBER;
            case DECIMAL -> QuestionView.Kind.DECIMAL;
            case DATE -> QuestionView.Kind.DATE;
            case TEXT -> appearance.contains("multiline") ? QuestionView.Kind.TEXTAREA : QuestionView.Kind.TEXT;
            case ACKNOWLEDGE -> QuestionView.Kind.ACKNOWLEDGE;
            // not yet drawn by components of their own: asked as text, checked by the answer engine
            case TIME, DATETIME, RANK, RANGE -> QuestionView.Kind.TEXT;
            case NOTE, CALCULATE, HIDDEN, METADATA -> QuestionView.Kind.NOTE;
        };
    }

    private CheckView checkView(Context ctx, AnswerEngine engine, Map<String, String> answers) {
        String lang = Web.lang(ctx);
        String base = base(ctx);
        List<CheckView.Section> sections = new ArrayList<>();
        Map<String, String> pageOf = new HashMap<>();
        for (Page page : engine.pages()) {
            for (String q : page.questions()) {
                pageOf.put(q, page.name());
            }
        }
        for (int p = 0; p < engine.pages().size(); p++) {
            List<Question> visible = engine.visibleQuestions(p, answers);
            if (visible.isEmpty()) {
                continue;
            }
            Page page = engine.pages().get(p);
            String url = base + "/p/" + page.name();
            List<CheckView.Row> rows = new ArrayList<>();
            for (Question q : visible) {
                if (!q.type().isAnswered()) {
                    continue;
                }
                rows.add(new CheckView.Row(label(engine, q, answers, lang), display(ctx, engine, q, answers, lang),
                        url + "#f-" + q.name()));
            }
            if (!rows.isEmpty()) {
                String title = engine.render(page.label(), answers, lang);
                sections.add(new CheckView.Section(title.isBlank() ? rows.getFirst().question() : title, url, rows));
            }
        }
        List<CheckView.Missing> missing = new ArrayList<>();
        for (Violation v : engine.checkAll(answers, lang)) {
            String name = v.question().endsWith("_other") && pageOf.get(v.question()) == null
                    ? v.question().substring(0, v.question().length() - "_other".length()) : v.question();
            Question q = engine.form().question(name).orElse(null);
            missing.add(new CheckView.Missing(q == null ? name : label(engine, q, answers, lang), v.message(),
                    base + "/p/" + pageOf.getOrDefault(name, "") + "#f-" + name));
        }
        return new CheckView(ctx.pathParam("token"), sections, missing);
    }

    private static String label(AnswerEngine engine, Question q, Map<String, String> answers, String lang) {
        String label = engine.render(q.label(), answers, lang);
        return label.isBlank() ? q.name() : label;
    }

    private static String display(Context ctx, AnswerEngine engine, Question q, Map<String, String> answers, String lang) {
        String answer = answers.get(q.name());
        if (answer == null || answer.isBlank()) {
            return Web.t(ctx, "respond.check.notAnswered");
        }
        if (q.type().isSelect()) {
            List<String> chosen = List.of(answer.split("\\s+"));
            List<String> labels = new ArrayList<>();
            for (Option o : engine.options(q.name(), answers, lang)) {
                if (chosen.contains(o.name())) {
                    labels.add(Question.OTHER_CHOICE.equals(o.name()) && q.orOther()
                            ? o.label() + ": " + answers.getOrDefault(q.otherName(), "") : o.label());
                }
            }
            return String.join("; ", labels);
        }
        if (q.type() == QuestionType.ACKNOWLEDGE) {
            return Web.t(ctx, "respond.check.acknowledged");
        }
        return answer;
    }
}

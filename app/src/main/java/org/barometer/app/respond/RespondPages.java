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
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import org.barometer.app.platform.Platform;
import org.barometer.app.http.Web;
import org.barometer.forms.engine.AnswerEngine;
import org.barometer.forms.engine.Option;
import org.barometer.forms.engine.Page;
import org.barometer.forms.engine.Violation;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;

import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.edition.SurveyTexts;
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
    /** The value of the "action" of the page's Back button: save without asking for what is missing, and go back. */
    static final String BACK = "back";
    /** The path prefix of every respondent page. */
    public static final String PREFIX = "/r/";

    private final InvitationStore invitations;
    private final ResponseStore store;
    private final FormCache questionnaires;
    private final SurveyTextStore texts;

    public RespondPages(Platform platform) {
        this.invitations = new InvitationStore(platform.jdbi());
        this.store = new ResponseStore(platform.jdbi());
        this.questionnaires = new FormCache(platform.jdbi());
        this.texts = new SurveyTextStore(platform.jdbi());
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
        renderPage(ctx, inv, engine, index, response.answers(), Map.of(), false, HttpStatus.OK);
    }

    /**
     * Saves a page. What the respondent gave is kept even when the page must be shown again: answers that break a
     * rule are refused beside their fields and the rest is stored, so nothing typed is lost. The page is shown
     * again, rather than left, when a question the respondent has not yet seen became relevant through the
     * answers just given (a follow-up on the same page): that is not an error, only a note says so. "Back" stores
     * the page without asking for what is missing and goes to the page before.
     */
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
        boolean back = BACK.equals(ctx.formParam("action"));
        boolean toCheck = returnsToCheck(ctx);
        Map<String, String> given = pageAnswers(ctx, engine, index);
        Map<String, String> tooLong = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value.length() > MAX_ANSWER_CHARS) {
                tooLong.put(name, Web.t(ctx, "respond.error.tooLong", MAX_ANSWER_CHARS));
            }
        });
        // An answer too long to store is not taken (the earlier one stays); the others are.
        Map<String, String> kept = new LinkedHashMap<>(given);
        tooLong.keySet().forEach(kept::remove);
        Page page = engine.pages().get(index);
        Set<String> shown = shownQuestions(ctx, engine, index);
        Outcome[] outcome = new Outcome[1];
        ResponseStore.SaveResult result = store.save(inv.id(), saveId, page.name(),
                new ResponseStore.Paradata(secondsOnPage(ctx), device(ctx)), current -> {
                    Set<String> seen = shown != null ? shown : names(engine.visibleQuestions(index, current.answers()));
                    var saved = engine.saveDraft(index, current.answers(), kept, lang);
                    Map<String, String> errors = new LinkedHashMap<>(tooLong);
                    for (Violation v : saved.violations()) {
                        // What is missing in a question the respondent has not seen yet is no mistake of theirs.
                        if (seen.contains(questionOf(engine, v.question()))) {
                            errors.putIfAbsent(v.question(), v.message());
                        }
                    }
                    boolean appeared = engine.visibleQuestions(index, saved.answers()).stream()
                            .anyMatch(q -> q.type().isAnswered() && !seen.contains(q.name()));
                    Map<String, String> attempted = new HashMap<>(current.answers());
                    attempted.putAll(saved.answers());
                    attempted.putAll(given); // shown as typed, refused answers too, so they can be corrected
                    String next;
                    if (back) {
                        OptionalInt previous = engine.previousPage(index, saved.answers());
                        next = toCheck ? "check" : previous.isPresent() ? engine.pages().get(previous.getAsInt()).name()
                                : page.name();
                    } else if (!errors.isEmpty() || appeared) {
                        next = page.name();
                    } else {
                        OptionalInt following = engine.nextPage(index, saved.answers());
                        next = toCheck || following.isEmpty() ? "check" : engine.pages().get(following.getAsInt()).name();
                    }
                    outcome[0] = new Outcome(errors, appeared, attempted, next);
                    return new ResponseStore.Applied(true, saved.answers(), saved.cleared(), next);
                });
        switch (result.outcome()) {
            case SAVED -> {
                Outcome o = outcome[0];
                if (back || (o.errors().isEmpty() && !o.appeared())) {
                    ctx.redirect(base(ctx) + ("check".equals(o.next()) ? "/check" : "/p/" + o.next()), HttpStatus.SEE_OTHER);
                } else {
                    renderPage(ctx, inv, engine, index, o.errors().isEmpty() ? result.response().answers() : o.attempted(),
                            o.errors(), o.appeared(), o.errors().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT);
                }
            }
            case ALREADY_SAVED -> {
                // A resent request: go where that save (or a later one) left the respondent.
                String current = result.response().currentPage();
                ctx.redirect(base(ctx) + (current == null ? "" : "check".equals(current) ? "/check" : "/p/" + current),
                        HttpStatus.SEE_OTHER);
            }
            case LOCKED -> throw new Refused(HttpStatus.CONFLICT, "respond.refused.submitted");
            case REJECTED -> throw new IllegalStateException("a draft save is never rejected");
        }
    }

    /** What a page save came to: the errors to show, whether new questions appeared, the answers to show, where next. */
    private record Outcome(Map<String, String> errors, boolean appeared, Map<String, String> attempted, String next) {}

    /**
     * Shows the questions of a page that are relevant with the answers on the page as it is being filled in, for the
     * page's script to add and remove questions without a reload. Nothing is stored: the answers are only
     * evaluated, by the same engine that checks them when the page is saved.
     */
    public void pageQuestions(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        AnswerEngine engine = engine(inv);
        int index = pageIndex(engine, ctx.pathParam("page"));
        if (index < 0) {
            throw new Refused(HttpStatus.NOT_FOUND, "respond.refused.noPage");
        }
        ResponseStore.Response response = store.find(inv.id()).orElse(null);
        if (response != null && response.submitted()) {
            throw new Refused(HttpStatus.CONFLICT, "respond.refused.submitted");
        }
        Map<String, String> answers = new HashMap<>(response == null ? Map.of() : response.answers());
        pageAnswers(ctx, engine, index).forEach((name, value) -> {
            if (value.isEmpty()) {
                answers.remove(name);
            } else {
                answers.put(name, value);
            }
        });
        String lang = Web.lang(ctx);
        List<QuestionView> views = new ArrayList<>();
        for (Question q : engine.visibleQuestions(index, answers)) {
            views.add(QuestionView.of(engine, q, answers, lang, null));
        }
        Web.render(ctx, "respond/questions.jte", "questions", views);
    }

    public void check(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        ResponseStore.Response response = visitOpen(ctx, inv);
        if (response == null) {
            return;
        }
        Web.render(ctx, "respond/check.jte", "survey", surveyTitle(ctx, inv), "test", inv.test(), "view", checkView(ctx, engine(inv), response.answers()));
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
        SurveyTexts texts = this.texts.of(inv.editionId());
        String lang = Web.lang(ctx);
        Web.render(ctx, "respond/done.jte", "survey", texts.get(SurveyText.TITLE, lang), "test", inv.test(),
                "workplace", inv.workplaceName(),
                "thanks", texts.get(SurveyText.THANKS, lang), "contact", texts.get(SurveyText.CONTACT, lang),
                "caseOffer", texts.get(SurveyText.CASE_OFFER, lang), "caseAction", base(ctx) + "/case",
                "caseConsented", store.consentedToCaseContact(inv.id()));
    }

    public void optOutForm(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        Web.render(ctx, "respond/optout.jte", "survey", surveyTitle(ctx, inv), "action", base(ctx) + "/opt-out", "done", inv.optedOut());
    }

    public void optOut(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        invitations.optOut(inv.id());
        Web.render(ctx, "respond/optout.jte", "survey", surveyTitle(ctx, inv), "action", base(ctx) + "/opt-out", "done", true);
    }

    // ------------------------------------------------------------------------------------------ pieces

    /**
     * The invitation of the request's token; its pages are in the invitation's language, the one the register gives
     * the workplace, unless the respondent switches (a {@code lang} the link carries), which then stays the
     * invitation's language on every later page and device.
     */
    /** The title of the respondent's survey in the page's language: on every page, so it is clear who asks. */
    private String surveyTitle(Context ctx, InvitationStore.Invitation inv) {
        return texts.of(inv.editionId()).get(SurveyText.TITLE, Web.lang(ctx));
    }

    private InvitationStore.Invitation invitation(Context ctx) {
        InvitationStore.Resolution r = invitations.resolve(ctx.pathParam("token"));
        return switch (r.status()) {
            case VALID -> inLanguage(ctx, r.invitation().orElseThrow());
            case EXPIRED -> throw new Refused(HttpStatus.GONE, "respond.refused.expired");
            case MALFORMED, UNKNOWN -> throw new Refused(HttpStatus.NOT_FOUND, "respond.refused.unknown");
        };
    }

    private InvitationStore.Invitation inLanguage(Context ctx, InvitationStore.Invitation inv) {
        String asked = ctx.queryParam("lang");
        String lang = inv.language();
        if (Web.isLanguage(asked) && !asked.equals(lang)) {
            invitations.setLanguage(inv.id(), asked);
            lang = asked;
        }
        Web.useLanguage(ctx, lang);
        return inv;
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
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().filter(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t').forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    private void renderPage(Context ctx, InvitationStore.Invitation inv, AnswerEngine engine, int index, Map<String, String> answers,
                            Map<String, String> errors, boolean appeared, HttpStatus status) {
        String lang = Web.lang(ctx);
        Page page = engine.pages().get(index);
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
            QuestionView view = QuestionView.of(engine, q, answers, lang, error);
            views.add(view);
            if (error != null) {
                inError.add(view);
            }
        }
        int[] position = position(engine, index, answers);
        boolean toCheck = returnsToCheck(ctx);
        String title = engine.render(page.label(), answers, lang);
        if (title.isBlank()) {
            title = views.isEmpty() ? page.name() : views.getFirst().label();
        }
        String url = base(ctx) + "/p/" + page.name();
        PageView view = new PageView(title, url + (toCheck ? "?return=check" : ""), url + "/questions",
                UUID.randomUUID().toString(), System.currentTimeMillis(), position[0], position[1],
                toCheck || engine.previousPage(index, answers).isPresent(), views, inError, appeared);
        ctx.status(status);
        SurveyTexts texts = this.texts.of(inv.editionId());
        Web.render(ctx, "respond/page.jte", "survey", texts.get(SurveyText.TITLE, lang), "test", inv.test(),
                "description", texts.get(SurveyText.DESCRIPTION, lang), "view", view);
    }

    /** Whether the page was opened to change an answer from the "check your answers" page, and goes back there. */
    private static boolean returnsToCheck(Context ctx) {
        return "check".equals(ctx.queryParam("return"));
    }

    /**
     * The questions the page showed when it was drawn, from its hidden field (only names of the page's questions
     * count), with the {@code _other} field of each; null when the form did not say.
     */
    private static Set<String> shownQuestions(Context ctx, AnswerEngine engine, int index) {
        String field = ctx.formParam("_seen");
        if (field == null) {
            return null;
        }
        List<String> onPage = engine.pages().get(index).questions();
        Set<String> out = new HashSet<>();
        for (String name : field.strip().split("\\s+")) {
            if (onPage.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static Set<String> names(List<Question> questions) {
        Set<String> out = new HashSet<>();
        questions.forEach(q -> out.add(q.name()));
        return out;
    }

    /** The question an answer key belongs to: its own name, or the select of a {@code <name>_other} field. */
    private static String questionOf(AnswerEngine engine, String key) {
        if (engine.form().question(key).isEmpty() && key.endsWith("_other")) {
            return key.substring(0, key.length() - "_other".length());
        }
        return key;
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
            String url = base + "/p/" + page.name() + "?return=check";
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
                    base + "/p/" + pageOf.getOrDefault(name, "") + "?return=check#f-" + name));
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

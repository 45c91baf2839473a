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
import org.barometer.forms.engine.AnswerKeys;
import org.barometer.forms.engine.Option;
import org.barometer.forms.engine.Page;
import org.barometer.forms.engine.PageContent;
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
    /** Where a respondent's pages load the questionnaire's pictures from, below the personal link. */
    static final String PICTURES = "/media/";
    /** The buttons that add an instance of a repeat (value: its count key) and remove one (value: its key). */
    static final String ADD = "_add";
    static final String REMOVE = "_remove";
    /** What joins a ranking's key and a choice in the field of that choice's place. */
    public static final String RANK_FIELD = ".rank.";
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
        renderPage(ctx, inv, engine, index, response.answers(), Map.of(), false, HttpStatus.OK, seed(response));
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
        Map<String, String> given = pageAnswers(ctx, engine, index,
                store.find(inv.id()).map(ResponseStore.Response::answers).orElse(Map.of()));
        String add = ctx.formParam(ADD);
        String remove = ctx.formParam(REMOVE);
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
                    Set<String> seen = shown != null ? shown : keys(engine.content(index, current.answers()));
                    var saved = engine.saveDraft(index, current.answers(), kept, lang);
                    Map<String, String> answers = instanceChanged(engine, saved.answers(), add, remove);
                    if (answers != null) {
                        // an instance added or removed: the same page again, nothing asked for yet
                        outcome[0] = new Outcome(Map.of(), false, answers, page.name());
                        return new ResponseStore.Applied(true, answers, saved.cleared(), page.name());
                    }
                    Map<String, String> errors = new LinkedHashMap<>(tooLong);
                    for (Violation v : saved.violations()) {
                        // What is missing in a question the respondent has not seen yet is no mistake of theirs.
                        if (seen.contains(questionOf(engine, v.question()))) {
                            errors.putIfAbsent(v.question(), v.message());
                        }
                    }
                    boolean appeared = engine.content(index, saved.answers()).fields().stream()
                            .anyMatch(f -> f.question().type().isAnswered() && !seen.contains(f.key()));
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
                if (add != null || remove != null) {
                    ctx.redirect(base(ctx) + "/p/" + o.next() + (toCheck ? "?return=check" : ""), HttpStatus.SEE_OTHER);
                } else if (back || (o.errors().isEmpty() && !o.appeared())) {
                    ctx.redirect(base(ctx) + ("check".equals(o.next()) ? "/check" : "/p/" + o.next()), HttpStatus.SEE_OTHER);
                } else {
                    renderPage(ctx, inv, engine, index, o.errors().isEmpty() ? result.response().answers() : o.attempted(),
                            o.errors(), o.appeared(), o.errors().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT,
                            seed(result.response()));
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
        pageAnswers(ctx, engine, index, answers).forEach((name, value) -> {
            if (value.isEmpty()) {
                answers.remove(name);
            } else {
                answers.put(name, value);
            }
        });
        Drawn drawn = draw(engine, engine.content(index, answers), answers, Web.lang(ctx), Map.of(),
                response == null ? 0 : seed(response),
                base(ctx) + PICTURES);
        Web.render(ctx, "respond/questions.jte", "entries", drawn.entries());
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

    /**
     * A picture the respondent's questionnaire shows (a file of its ZIP named in an {@code image} column), to a
     * holder of a valid personal link; anything else is not found. Sent with a sandbox policy, so a picture (an SVG
     * file can hold a script) can never act on the site.
     */
    public void picture(Context ctx) {
        InvitationStore.Invitation inv = invitation(ctx);
        String file = ctx.pathParam("file");
        String type = PICTURE_TYPES.get(file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        byte[] bytes = type == null ? null : questionnaires.picture(inv.editionId(), file).orElse(null);
        if (bytes == null) {
            throw new Refused(HttpStatus.NOT_FOUND, "respond.refused.noPicture");
        }
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType(type).result(bytes);
    }

    /** The picture files served, by extension. */
    private static final Map<String, String> PICTURE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp", "svg", "image/svg+xml");

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

    /**
     * The answers the page's form carries, for every answerable field the page shows with the answers so far
     * ({@code layout}: which instances of its repeats exist), and for every question of the page outside repeats
     * (the page's script may have shown one the answers so far do not), each under its answer key (empty = no
     * answer).
     */
    private static Map<String, String> pageAnswers(Context ctx, AnswerEngine engine, int index,
                                                   Map<String, String> layout) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> keys = new java.util.LinkedHashSet<>();
        engine.content(index, layout).fields().forEach(f -> keys.add(f.key()));
        for (String name : engine.pages().get(index).questions()) {
            if (engine.form().repeatsAround(name).isEmpty()) {
                keys.add(name);
            }
        }
        for (String key : keys) {
            AnswerKeys.Key k = AnswerKeys.parse(key);
            Question q = k == null ? null : engine.form().question(k.name()).orElse(null);
            if (q == null || !q.type().isAnswered()) {
                continue;
            }
            String value = switch (q.type()) {
                case RANK -> ranking(ctx, engine, key, layout);
                case SELECT_MULTIPLE -> String.join(" ", ctx.formParams(key));
                default -> ctx.formParam(key);
            };
            out.put(key, clean(value));
            if (q.orOther()) {
                String other = AnswerKeys.key(q.otherName(), k.instance());
                out.put(other, clean(ctx.formParam(other)));
            }
        }
        return out;
    }

    /**
     * A ranking as the form sent it, one place per choice ({@code <key>.rank.<choice>}): the choices in the order of
     * their places, those without a place left out (so the answer engine says that every choice needs one, and a
     * place given twice keeps both, which it refuses as well); empty when no choice has a place.
     */
    private static String ranking(Context ctx, AnswerEngine engine, String key, Map<String, String> layout) {
        List<String[]> placed = new ArrayList<>();
        for (Option o : engine.options(key, layout, engine.form().defaultLanguage())) {
            String place = ctx.formParam(key + RANK_FIELD + o.name());
            if (place != null && place.strip().matches("[1-9][0-9]{0,2}")) {
                placed.add(new String[] {place.strip(), o.name()});
            }
        }
        placed.sort(java.util.Comparator.comparingInt(a -> Integer.parseInt(a[0])));
        return String.join(" ", placed.stream().map(a -> a[1]).toList());
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
                            Map<String, String> errors, boolean appeared, HttpStatus status, long seed) {
        String lang = Web.lang(ctx);
        Page page = engine.pages().get(index);
        Drawn drawn = draw(engine, engine.content(index, answers), answers, lang, errors, seed,
                base(ctx) + PICTURES);
        List<QuestionView> views = drawn.questions();
        List<QuestionView> inError = views.stream().filter(v -> v.error() != null).toList();
        int[] position = position(engine, index, answers);
        boolean toCheck = returnsToCheck(ctx);
        String title = engine.render(page.label(), answers, lang);
        if (title.isBlank()) {
            title = views.isEmpty() ? page.name() : views.getFirst().label();
        }
        List<EntryView> entries = drawn.entries();
        // a page that is one repeat or one grid: the page's heading is theirs, not said twice
        if (entries.size() == 1 && entries.getFirst() instanceof EntryView.RepeatEntry r && r.title().equals(title)) {
            entries = List.of(new EntryView.RepeatEntry(r.block(), "", r.instances(), r.addKey()));
        } else if (entries.size() == 1 && entries.getFirst() instanceof EntryView.GridEntry g && g.title().equals(title)) {
            entries = List.of(new EntryView.GridEntry(g.block(), "", g.columns(), g.rows()));
        }
        String url = base(ctx) + "/p/" + page.name();
        PageView view = new PageView(title, url + (toCheck ? "?return=check" : ""), url + "/questions",
                UUID.randomUUID().toString(), System.currentTimeMillis(), position[0], position[1],
                toCheck || engine.previousPage(index, answers).isPresent(), views, entries, inError, appeared);
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
        for (String key : field.strip().split("\\s+")) {
            AnswerKeys.Key k = AnswerKeys.parse(key);
            if (k != null && onPage.contains(k.name())) {
                out.add(key);
            }
        }
        return out;
    }

    /** The answer keys of every field a page's content shows. */
    private static Set<String> keys(PageContent content) {
        Set<String> out = new HashSet<>();
        content.fields().forEach(f -> out.add(f.key()));
        return out;
    }

    /**
     * The key of the question an answer key belongs to: its own, or for a {@code <name>_other} field's key that
     * of its select ({@code fruit_other[2]} → {@code fruit[2]}).
     */
    private static String questionOf(AnswerEngine engine, String key) {
        AnswerKeys.Key k = AnswerKeys.parse(key);
        if (k != null && engine.form().question(k.name()).isEmpty() && k.name().endsWith("_other")) {
            return AnswerKeys.key(k.name().substring(0, k.name().length() - "_other".length()), k.instance());
        }
        return key;
    }

    /**
     * The answers with an instance added ({@code add}: a repeat's count key) or removed ({@code remove}: an
     * instance's key) when the page was sent by one of those buttons; null when it was not.
     *
     * @throws Refused when the key names no repeat the respondent counts, or an instance that does not exist
     */
    private static Map<String, String> instanceChanged(AnswerEngine engine, Map<String, String> answers, String add,
                                                       String remove) {
        String key = add != null ? add : remove;
        if (key == null) {
            return null;
        }
        AnswerKeys.Key k = AnswerKeys.parse(key.strip());
        try {
            if (k == null) {
                throw new IllegalArgumentException("no answer key");
            }
            return add != null ? engine.addInstance(k.name(), k.instance(), answers)
                    : engine.removeInstance(k.name(), k.instance(), answers);
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "respond.refused.badForm");
        }
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

    /** A page's entries as drawn, and every question among them in page order. */
    public record Drawn(List<EntryView> entries, List<QuestionView> questions) {}

    /** How a page is drawn for a respondent: language, errors, the seed of randomized lists, where pictures are. */
    private record Drawing(AnswerEngine engine, Map<String, String> answers, String lang, Map<String, String> errors,
                           long seed, String pictures) {
        QuestionView.Picture picture(String file, String alt) {
            return file == null || file.isBlank() ? null
                    : new QuestionView.Picture(pictures + java.net.URLEncoder.encode(file, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20"), alt == null ? "" : alt);
        }
    }

    /**
     * The page content of the answer engine as the questionnaire's templates draw it ({@code respond/questions.jte}):
     * every questionnaire page of the app, the respondent's and the self-test's, is drawn by this one routine.
     *
     * @param errors   the message beside each answer key in error
     * @param seed     the number that orders randomized lists
     * @param pictures the address the questionnaire's pictures are served below
     */
    public static Drawn draw(AnswerEngine engine, PageContent content, Map<String, String> answers, String lang,
                             Map<String, String> errors, long seed, String pictures) {
        List<QuestionView> questions = new ArrayList<>();
        Drawing d = new Drawing(engine, answers, lang, errors, seed, pictures);
        List<EntryView> entries = entries(d, content.entries(), questions);
        return new Drawn(entries, questions);
    }

    private static List<EntryView> entries(Drawing d, List<PageContent.Entry> content, List<QuestionView> questions) {
        AnswerEngine engine = d.engine();
        Map<String, String> answers = d.answers();
        String lang = d.lang();
        List<EntryView> out = new ArrayList<>();
        for (PageContent.Entry entry : content) {
            switch (entry) {
                case PageContent.Field f -> {
                    QuestionView v = view(d, f);
                    questions.add(v);
                    out.add(new EntryView.FieldEntry(v));
                }
                case PageContent.Section section -> {
                    String key = AnswerKeys.key(section.group().name(), section.instance());
                    String title = firstKey(section.entries())
                            .map(k -> engine.render(section.group().label(), k, answers, lang))
                            .orElseGet(() -> engine.render(section.group().label(), answers, lang));
                    out.add(new EntryView.SectionEntry("section-" + key, title,
                            entries(d, section.entries(), questions)));
                }
                case PageContent.Grid grid -> {
                    List<QuestionView> rows = new ArrayList<>();
                    for (PageContent.Field f : grid.rows()) {
                        rows.add(view(d, f));
                    }
                    questions.addAll(rows);
                    String title = grid.group() == null ? "" : engine.render(grid.group().label(), answers, lang);
                    List<String> columns = rows.getFirst().options().stream().map(OptionView::label).toList();
                    out.add(new EntryView.GridEntry("grid-" + (grid.group() == null ? rows.getFirst().name()
                            : grid.group().name()), title, columns, rows));
                }
                case PageContent.RepeatBlock block -> {
                    List<EntryView.Instance> instances = new ArrayList<>();
                    for (PageContent.Instance instance : block.instances()) {
                        List<Integer> path = new ArrayList<>(block.outer());
                        path.add(instance.index());
                        String instanceKey = AnswerKeys.key(block.repeat().name(), path);
                        String label = firstKey(instance.entries())
                                .map(k -> engine.render(block.repeat().label(), k, answers, lang))
                                .orElseGet(() -> engine.render(block.repeat().label(), answers, lang));
                        String legend = instance.choice() != null
                                ? instance.choice().label().in(lang, engine.form().defaultLanguage())
                                : (label.isBlank() ? block.repeat().name() : label) + " " + instance.index();
                        instances.add(new EntryView.Instance(legend,
                                entries(d, instance.entries(), questions),
                                block.respondentCounts() ? instanceKey : null));
                    }
                    String title = engine.render(block.repeat().label(), answers, lang);
                    out.add(new EntryView.RepeatEntry("repeat-" + AnswerKeys.key(block.repeat().name(), block.outer()),
                            title.isBlank() ? block.repeat().name() : title, instances,
                            block.respondentCounts() ? block.countKey() : null));
                }
            }
        }
        return out;
    }

    /** The answer key of the first field among entries (to render a text in that instance), if there is one. */
    private static java.util.Optional<String> firstKey(List<PageContent.Entry> entries) {
        for (PageContent.Entry e : entries) {
            java.util.Optional<String> key = switch (e) {
                case PageContent.Field f -> java.util.Optional.of(f.key());
                case PageContent.Section s -> firstKey(s.entries());
                case PageContent.Grid g -> java.util.Optional.of(g.rows().getFirst().key());
                case PageContent.RepeatBlock r -> java.util.Optional.empty();
            };
            if (key.isPresent()) {
                return key;
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The order of randomized lists is drawn from a number of the respondent's own, their response's id (stored
     * with the response from the first visit on): the same order on every page, device and visit, and the same
     * again when the microdata export shows it ({@code <question>_order}).
     */
    public static long seed(ResponseStore.Response response) {
        return response.id();
    }

    /** The form field id of an answer key: {@code f-site_name-2} for {@code site_name[2]}. */
    private static String fieldId(String key) {
        return "f-" + key.replace("][", "-").replace('[', '-').replace("]", "");
    }

    private static QuestionView view(Drawing d, PageContent.Field field) {
        AnswerEngine engine = d.engine();
        Map<String, String> answers = d.answers();
        String lang = d.lang();
        Map<String, String> errors = d.errors();
        long seed = d.seed();
        Question q = field.question();
        String key = field.key();
        String otherKey = AnswerKeys.key(q.otherName(), field.instance());
        String error = errors.get(key);
        if (error == null && q.orOther()) {
            error = errors.get(otherKey);
        }
        String id = fieldId(key);
        QuestionView.Kind kind = kind(q);
        String answer = answers.getOrDefault(key, "");
        List<OptionView> options = new ArrayList<>();
        List<QuestionView.RankView> ranks = new ArrayList<>();
        List<Option> offered = q.type().isSelect() || q.type() == QuestionType.RANK
                ? engine.options(key, answers, lang, seed) : List.of();
        if (q.type().isSelect()) {
            List<String> chosen = List.of(answer.split("\\s+"));
            for (int i = 0; i < offered.size(); i++) {
                Option o = offered.get(i);
                options.add(new OptionView(i == 0 ? id : id + "-" + i, o.name(), o.label(), chosen.contains(o.name()),
                        d.picture(o.image(), o.imageAlt())));
            }
        } else if (q.type() == QuestionType.RANK) {
            List<String> order = answer.isBlank() ? List.of() : List.of(answer.split("\\s+"));
            for (int i = 0; i < offered.size(); i++) {
                Option o = offered.get(i);
                ranks.add(new QuestionView.RankView(i == 0 ? id : id + "-" + i, key + RANK_FIELD + o.name(), o.label(),
                        order.indexOf(o.name()) + 1));
            }
        } else if (q.type() == QuestionType.RANGE && kind == QuestionView.Kind.RADIOS) {
            List<String> points = rangePoints(q);
            for (int i = 0; i < points.size(); i++) {
                options.add(new OptionView(i == 0 ? id : id + "-" + i, points.get(i), points.get(i),
                        points.get(i).equals(answer)));
            }
        }
        String label = engine.render(q.label(), key, answers, lang);
        String hint = engine.render(q.hint(), key, answers, lang);
        return new QuestionView(id, key, kind, label.isBlank() ? q.name() : label, hint,
                engine.isRequired(key, answers), options, answer, error,
                q.orOther() ? otherKey : null, q.orOther() ? engine.otherLabel(lang) : null,
                q.orOther() ? answers.getOrDefault(otherKey, "") : null, ranks,
                d.picture(q.media().image().in(engine.form().resolveLanguage(lang).orElse(null), engine.form().defaultLanguage()),
                        q.media().alt().in(engine.form().resolveLanguage(lang).orElse(null), engine.form().defaultLanguage())));
    }

    /** A range of at most this many points is asked as a row of radio buttons, a longer one as a number. */
    static final int RANGE_AS_CHOICES = 11;

    /** The points of a range's scale, {@code start} to {@code end} by {@code step}, as the answer writes them. */
    private static List<String> rangePoints(Question q) {
        java.math.BigDecimal start = new java.math.BigDecimal(q.parameters().get("start"));
        java.math.BigDecimal end = new java.math.BigDecimal(q.parameters().get("end"));
        java.math.BigDecimal step = new java.math.BigDecimal(q.parameters().get("step")).abs();
        List<String> out = new ArrayList<>();
        boolean up = end.compareTo(start) >= 0;
        for (java.math.BigDecimal x = start; up ? x.compareTo(end) <= 0 : x.compareTo(end) >= 0;
             x = up ? x.add(step) : x.subtract(step)) {
            out.add(x.stripTrailingZeros().toPlainString());
            if (out.size() > RANGE_AS_CHOICES) {
                break;
            }
        }
        return out;
    }

    private static QuestionView.Kind kind(Question q) {
        String appearance = q.appearance() == null ? "" : q.appearance().toLowerCase(Locale.ROOT);
        return switch (q.type()) {
            // a long list with a search field: the browser's own list, which finds a choice as its first letters
            // are typed, with the keyboard and a screen reader as they are used to it
            case SELECT_ONE -> appearance.contains("likert") ? QuestionView.Kind.LIKERT
                    : appearance.contains("minimal") || q.searchable() ? QuestionView.Kind.SELECT
                    : QuestionView.Kind.RADIOS;
            case SELECT_MULTIPLE -> QuestionView.Kind.CHECKBOXES;
            case INTEGER -> QuestionView.Kind.NUMBER;
            case DECIMAL -> QuestionView.Kind.DECIMAL;
            case DATE -> QuestionView.Kind.DATE;
            case TIME -> QuestionView.Kind.TIME;
            case DATETIME -> QuestionView.Kind.DATETIME;
            case TEXT -> appearance.contains("multiline") ? QuestionView.Kind.TEXTAREA : QuestionView.Kind.TEXT;
            case RANK -> QuestionView.Kind.RANK;
            // a short scale is a row of choices (keyboard and screen reader need nothing more); a long one a number
            case RANGE -> rangePoints(q).size() <= RANGE_AS_CHOICES ? QuestionView.Kind.RADIOS
                    : q.parameters().get("step").contains(".") || q.parameters().get("start").contains(".")
                    ? QuestionView.Kind.DECIMAL : QuestionView.Kind.NUMBER;
            case ACKNOWLEDGE -> QuestionView.Kind.ACKNOWLEDGE;
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
            List<PageContent.Field> fields = engine.content(p, answers).fields();
            if (fields.isEmpty()) {
                continue;
            }
            Page page = engine.pages().get(p);
            String url = base + "/p/" + page.name() + "?return=check";
            List<CheckView.Row> rows = new ArrayList<>();
            for (PageContent.Field f : fields) {
                Question q = f.question();
                if (!q.type().isAnswered()) {
                    continue;
                }
                String label = label(engine, q, f.key(), answers, lang);
                rows.add(new CheckView.Row(f.instance().isEmpty() ? label : label + " (" + instanceLabel(f.instance()) + ")",
                        display(ctx, engine, q, f.key(), f.instance(), answers, lang), url + "#" + fieldId(f.key())));
            }
            if (!rows.isEmpty()) {
                String title = engine.render(page.label(), answers, lang);
                sections.add(new CheckView.Section(title.isBlank() ? rows.getFirst().question() : title, url, rows));
            }
        }
        List<CheckView.Missing> missing = new ArrayList<>();
        for (Violation v : engine.checkAll(answers, lang)) {
            String key = questionOf(engine, v.question());
            AnswerKeys.Key k = AnswerKeys.parse(key);
            String name = k == null ? key : k.name();
            Question q = engine.form().question(name).orElse(null);
            missing.add(new CheckView.Missing(q == null ? name : label(engine, q, key, answers, lang), v.message(),
                    base + "/p/" + pageOf.getOrDefault(name, "") + "?return=check#" + fieldId(key)));
        }
        return new CheckView(ctx.pathParam("token"), sections, missing);
    }

    private static String label(AnswerEngine engine, Question q, String key, Map<String, String> answers, String lang) {
        String label;
        try {
            label = engine.render(q.label(), key, answers, lang);
        } catch (IllegalArgumentException e) {
            label = engine.render(q.label(), answers, lang); // not an answer key of the form: outside any instance
        }
        return label.isBlank() ? q.name() : label;
    }

    /** Which instance a field is in, as the answers check names it: {@code 2}, or {@code 2.1} inside two repeats. */
    private static String instanceLabel(List<Integer> instance) {
        return String.join(".", instance.stream().map(String::valueOf).toList());
    }

    private static String display(Context ctx, AnswerEngine engine, Question q, String key, List<Integer> instance,
                                  Map<String, String> answers, String lang) {
        String answer = answers.get(key);
        if (answer == null || answer.isBlank()) {
            return Web.t(ctx, "respond.check.notAnswered");
        }
        if (q.type().isSelect() || q.type() == QuestionType.RANK) {
            List<String> chosen = List.of(answer.split("\\s+"));
            Map<String, String> labelOf = new HashMap<>();
            for (Option o : engine.options(key, answers, lang)) {
                labelOf.put(o.name(), Question.OTHER_CHOICE.equals(o.name()) && q.orOther()
                        ? o.label() + ": " + answers.getOrDefault(AnswerKeys.key(q.otherName(), instance), "")
                        : o.label());
            }
            List<String> labels = new ArrayList<>();
            if (q.type() == QuestionType.RANK) {
                // a ranking in its order, each choice with its place
                for (int i = 0; i < chosen.size(); i++) {
                    labels.add((i + 1) + ". " + labelOf.getOrDefault(chosen.get(i), chosen.get(i)));
                }
            } else {
                for (Option o : engine.options(key, answers, lang)) {
                    if (chosen.contains(o.name())) {
                        labels.add(labelOf.get(o.name()));
                    }
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

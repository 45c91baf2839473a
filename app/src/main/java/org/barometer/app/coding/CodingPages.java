package org.barometer.app.coding;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionPath;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.edition.FormCache;
import org.barometer.app.edition.QuestionnaireStore;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;

/**
 * The coding workspace: an edition's open questions, each question's coding frame (uploaded as a file, every version
 * kept) and double-coded share, coding one answer after another without seeing any other coder's codes, the
 * agreement of the coders, and the adjudication of the answers whose two coders disagree. Every change is audited.
 */
public final class CodingPages {
    private final EditionStore editions;
    private final QuestionnaireStore questionnaires;
    private final FormCache forms;
    private final CodingStore store;

    public CodingPages(Platform platform) {
        this.editions = new EditionStore(platform.jdbi());
        this.questionnaires = new QuestionnaireStore(platform.jdbi());
        this.forms = new FormCache(platform.jdbi());
        this.store = new CodingStore(platform.jdbi());
    }

    /** An open question of an edition, with its wording in the page's language. */
    public record OpenQuestion(String name, String label) {}

    /** An edition with its open questions. */
    public record EditionQuestions(Edition edition, List<OpenQuestion> questions) {}

    public void index(Context ctx) {
        List<EditionQuestions> all = new ArrayList<>();
        for (Edition e : editions.all()) {
            all.add(new EditionQuestions(e, openQuestions(e, Web.lang(ctx))));
        }
        Web.render(ctx, "coding/index.jte", "editions", all);
    }

    public void question(Context ctx) {
        showQuestion(ctx, List.of(), HttpStatus.OK);
    }

    public void uploadFrame(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            showQuestion(ctx, List.of(new FieldError("file", "coding.frame.noFile")), HttpStatus.BAD_REQUEST);
            return;
        }
        byte[] content = Web.bytes(file);
        String name = file.filename() == null || file.filename().isBlank() ? "frame" : file.filename();
        FrameFile.Result read = FrameFile.read(name, content);
        if (!read.ok()) {
            List<FieldError> errors = new ArrayList<>();
            for (FrameProblem p : read.problems()) {
                String place = p.row() == 0 ? Web.t(ctx, "coding.problem.inFile", p.file())
                        : p.column().isEmpty() ? Web.t(ctx, "coding.problem.inRow", p.file(), p.row())
                        : Web.t(ctx, "coding.problem.at", p.file(), p.row(), p.column());
                errors.add(new FieldError("file", "coding.problem.placed", place, Web.t(ctx, p.key(), p.args())));
            }
            Web.audit(ctx, "coding.frame.refused", target(edition, question), name + ": " + read.problems().size() + " problems");
            showQuestion(ctx, errors, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        boolean multiple = ctx.formParam("multiple") != null;
        CodingStore.Frame frame = store.saveFrame(edition.id(), question.name(), multiple, name, read.categories(),
                Web.user(ctx).id());
        Web.audit(ctx, "coding.frame", target(edition, question), "version " + frame.version() + " from " + name + ", "
                + frame.categories().size() + " categories" + (multiple ? ", several codes per answer" : ""));
        ctx.redirect(base(edition, question) + "?done=frame", HttpStatus.SEE_OTHER);
    }

    public void frameCsv(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        CodingStore.Frame frame = store.currentFrame(edition.id(), question.name()).orElseThrow(NotFoundResponse::new);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"coding-frame-" + question.name() + "-v" + frame.version() + ".csv\"");
        ctx.result(FrameFile.csv(frame.categories()).getBytes(StandardCharsets.UTF_8));
    }

    public void setDoubleShare(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        Double percent = percentField(ctx, edition, question, "share", "coding.share.invalid");
        if (percent == null) {
            return;
        }
        int drawn = store.setDoubleShare(edition.id(), question.name(), percent / 100, null);
        long seed = store.question(edition.id(), question.name()).orElseThrow().seed();
        Web.audit(ctx, "coding.double", target(edition, question), percent + " % drawn with seed " + seed + ": " + drawn + " answers");
        ctx.redirect(base(edition, question) + "?done=share", HttpStatus.SEE_OTHER);
    }

    /**
     * A question's setting in per cent (0 to 100, a decimal comma accepted) from the form field; null, with the
     * question's page shown again naming the field's problem, when the question has no frame or the value is none.
     */
    private Double percentField(Context ctx, Edition edition, OpenQuestion question, String field, String invalidKey) {
        if (store.question(edition.id(), question.name()).isEmpty()) {
            showQuestion(ctx, List.of(new FieldError(field, "coding.share.noFrame")), HttpStatus.UNPROCESSABLE_CONTENT);
            return null;
        }
        String text = String.valueOf(ctx.formParam(field)).strip().replace(',', '.');
        double percent;
        try {
            percent = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            percent = Double.NaN;
        }
        if (!(percent >= 0 && percent <= 100)) {
            showQuestion(ctx, List.of(new FieldError(field, invalidKey, text)), HttpStatus.UNPROCESSABLE_CONTENT);
            return null;
        }
        return percent;
    }

    /**
     * What the coder is offered for an answer: the suggestions and the confidence from which they are ticked, or
     * none for an answer of the double-coded sample, whose two codings must stay independent of each other and of
     * the suggestions (the agreement measures the coders, not the suggestions).
     */
    public record Suggested(boolean doubled, List<Suggestions.Suggestion> suggestions, double threshold) {
        public Suggested {
            suggestions = List.copyOf(suggestions);
        }

        public int thresholdPercent() {
            return (int) Math.round(100 * threshold);
        }
    }

    public void setSuggestThreshold(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        Double percent = percentField(ctx, edition, question, "threshold", "coding.threshold.invalid");
        if (percent == null) {
            return;
        }
        store.setSuggestThreshold(edition.id(), question.name(), percent / 100);
        Web.audit(ctx, "coding.threshold", target(edition, question), "suggestions ticked from " + percent + " %");
        ctx.redirect(base(edition, question) + "?done=threshold", HttpStatus.SEE_OTHER);
    }

    public void next(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        Optional<CodingStore.Frame> frame = store.currentFrame(edition.id(), question.name());
        Optional<CodingStore.Answer> answer = frame.isEmpty() ? Optional.empty()
                : store.next(edition.id(), question.name(), Web.user(ctx).id());
        Suggested suggested = answer.isEmpty() ? null : suggested(edition, question, frame.get(), answer.get());
        List<String> ticked = suggested == null ? List.of()
                : Suggestions.ticked(frame.get(), suggested.suggestions(), suggested.threshold());
        renderCode(ctx, edition, question, frame.orElse(null), answer.orElse(null), suggested, ticked, List.of(),
                HttpStatus.OK);
    }

    private Suggested suggested(Edition edition, OpenQuestion question, CodingStore.Frame frame,
                                CodingStore.Answer answer) {
        double threshold = store.suggestThreshold(edition.id(), question.name());
        if (store.isDoubled(edition.id(), question.name(), answer.responseId())) {
            return new Suggested(true, List.of(), threshold);
        }
        String config = Suggestions.textSearchConfig(form(edition).defaultLanguage());
        return new Suggested(false, Suggestions.of(frame, answer.text(), store.stems(answer.text(), config),
                store.codedAnswers(edition.id(), question.name(), config)), threshold);
    }

    public void code(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        long responseId = Web.pathLong(ctx, "response");
        CodingStore.Answer answer = store.answer(edition.id(), question.name(), responseId).orElseThrow(NotFoundResponse::new);
        List<String> codes = ctx.formParams("code");
        try {
            boolean decided = store.code(edition.id(), question.name(), responseId, Web.user(ctx).id(), codes);
            Web.audit(ctx, "coding.code", target(edition, question), "answer " + responseId + ": " + String.join(" ", codes)
                    + (decided ? " (final)" : ""));
            ctx.redirect(base(edition, question) + "/code?done=coded", HttpStatus.SEE_OTHER);
        } catch (CodingStore.Refused e) {
            Web.audit(ctx, "coding.code.refused", target(edition, question), "answer " + responseId + ": " + e.key());
            CodingStore.Frame frame = store.currentFrame(edition.id(), question.name()).orElse(null);
            renderCode(ctx, edition, question, frame, answer,
                    frame == null ? null : suggested(edition, question, frame, answer), codes,
                    List.of(new FieldError("codes", e.key(), e.args())), HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }

    public void agreement(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        CodingStore.Frame frame = store.currentFrame(edition.id(), question.name()).orElseThrow(NotFoundResponse::new);
        Agreements.Report report = Agreements.of(frame, store.doubleCoded(edition.id(), question.name()));
        Web.render(ctx, "coding/agreement.jte", "edition", edition, "question", question, "frame", frame, "report", report);
    }

    public void disagreements(Context ctx) {
        renderDisagreements(ctx, List.of(), null, HttpStatus.OK);
    }

    public void adjudicate(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        long responseId = Web.pathLong(ctx, "response");
        List<String> codes = ctx.formParams("code");
        try {
            store.adjudicate(edition.id(), question.name(), responseId, Web.user(ctx).id(), codes);
            Web.audit(ctx, "coding.adjudicate", target(edition, question), "answer " + responseId + ": " + String.join(" ", codes));
            ctx.redirect(base(edition, question) + "/disagreements?done=decided", HttpStatus.SEE_OTHER);
        } catch (CodingStore.Refused e) {
            Web.audit(ctx, "coding.adjudicate.refused", target(edition, question), "answer " + responseId + ": " + e.key());
            renderDisagreements(ctx, List.of(new FieldError("codes-" + responseId, e.key(), e.args())), responseId,
                    HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }

    private void showQuestion(Context ctx, List<FieldError> errors, HttpStatus status) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        ctx.status(status);
        Web.render(ctx, "coding/question.jte", "edition", edition, "question", question,
                "state", store.question(edition.id(), question.name()).orElse(null),
                "threshold", store.suggestThreshold(edition.id(), question.name()),
                "frames", store.frames(edition.id(), question.name()), "errors", errors);
    }

    private void renderCode(Context ctx, Edition edition, OpenQuestion question, CodingStore.Frame frame,
                            CodingStore.Answer answer, Suggested suggested, List<String> chosen,
                            List<FieldError> errors, HttpStatus status) {
        ctx.status(status);
        Web.render(ctx, "coding/code.jte", "edition", edition, "question", question, "frame", frame, "answer", answer,
                "suggested", suggested, "chosen", chosen, "errors", errors);
    }

    private void renderDisagreements(Context ctx, List<FieldError> errors, Long failed, HttpStatus status) {
        Edition edition = EditionPath.of(ctx, editions);
        OpenQuestion question = question(ctx, edition);
        CodingStore.Frame frame = store.currentFrame(edition.id(), question.name()).orElseThrow(NotFoundResponse::new);
        ctx.status(status);
        Web.render(ctx, "coding/disagreements.jte", "edition", edition, "question", question, "frame", frame,
                "disagreements", store.disagreements(edition.id(), question.name()), "errors", errors, "failed", failed);
    }

    /** The path's question, when it is an open question of the edition's questionnaire; 404 otherwise. */
    private OpenQuestion question(Context ctx, Edition edition) {
        String name = ctx.pathParam("question");
        return openQuestions(edition, Web.lang(ctx)).stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(NotFoundResponse::new);
    }

    /** The edition's open questions: the text questions of its questionnaire, in the questionnaire's order. */
    private List<OpenQuestion> openQuestions(Edition edition, String lang) {
        if (edition.questionnaireId() == null) {
            return List.of();
        }
        Form form = form(edition);
        String language = form.resolveLanguage(lang).orElse(null);
        List<OpenQuestion> out = new ArrayList<>();
        for (Question q : form.questions()) {
            if (q.type() == QuestionType.TEXT) {
                out.add(new OpenQuestion(q.name(), q.label().in(language, null)));
            }
        }
        return out;
    }

    /** The edition's questionnaire (an edition with open questions has one). */
    private Form form(Edition edition) {
        return forms.form(questionnaires.find(edition.questionnaireId()).orElseThrow());
    }

    private static String base(Edition edition, OpenQuestion question) {
        return "/admin/coding/" + edition.id() + "/" + question.name();
    }

    private static String target(Edition edition, OpenQuestion question) {
        return "edition:" + edition.id() + " question:" + question.name();
    }
}

package org.barometer.app.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.Role;
import org.barometer.app.access.User;
import org.barometer.app.frame.FrameStore;
import org.barometer.app.sample.SampleStore;
import org.barometer.app.http.FieldError;
import org.barometer.app.text.Texts;
import org.barometer.app.http.Web;
import org.barometer.app.edition.FormCache;
import org.barometer.app.respond.ResponseStore;
import org.barometer.forms.diff.FormDiff;
import org.barometer.forms.FormProblem;

import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionPath;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.edition.QuestionnaireCheck;
import org.barometer.app.edition.QuestionnaireStore;
/** Pages to create editions, see one, and give it a questionnaire version. */
public final class EditionPages {
    private final Platform platform;
    private final EditionStore editions;
    private final QuestionnaireStore questionnaires;

    public EditionPages(Platform platform) {
        this.platform = platform;
        this.editions = new EditionStore(platform.jdbi());
        this.questionnaires = new QuestionnaireStore(platform.jdbi());
    }

    /** The edition named by the {@code id} path parameter, or 404. */
    public void list(Context ctx) {
        Web.render(ctx, "admin/editions.jte", "editions", editions.all());
    }

    /** What the new-edition form shows. */
    public record EditionForm(String name, String year, String start, String end, List<String> languages) {}

    public void newForm(Context ctx) {
        Web.render(ctx, "admin/editionNew.jte", "form", new EditionForm("", "", "", "", Texts.LANGUAGES),
                "errors", List.of(), "problems", List.of());
    }

    /** The fields of an edition as checked: values for the valid ones, errors for the others. */
    private record Checked(EditionForm form, Integer year, LocalDate start, LocalDate end, List<String> languages,
                           List<FieldError> errors) {}

    private Checked check(Context ctx, Long editionId) {
        EditionForm form = new EditionForm(trim(ctx.formParam("name")), trim(ctx.formParam("year")),
                trim(ctx.formParam("start")), trim(ctx.formParam("end")), ctx.formParams("languages"));
        List<FieldError> errors = new ArrayList<>();
        if (form.name().isEmpty() || form.name().length() > 200) {
            errors.add(new FieldError("name", "editions.error.name"));
        } else if (editions.findByName(form.name()).filter(e -> editionId == null || e.id() != editionId).isPresent()) {
            errors.add(new FieldError("name", "editions.error.nameTaken"));
        }
        Integer year = null;
        if (!form.year().isEmpty()) {
            try {
                year = Integer.parseInt(form.year());
                if (year < 1900 || year > 2200) {
                    errors.add(new FieldError("year", "editions.error.year"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("year", "editions.error.year"));
            }
        }
        LocalDate start = date(form.start(), "start", errors);
        LocalDate end = date(form.end(), "end", errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add(new FieldError("end", "editions.error.endBeforeStart"));
        }
        List<String> languages = form.languages().stream().filter(Texts.LANGUAGES::contains).distinct().toList();
        if (languages.isEmpty() || languages.size() != form.languages().size()) {
            errors.add(new FieldError("languages-da", "editions.error.languages"));
        }
        return new Checked(form, year, start, end, languages, errors);
    }

    public void create(Context ctx) {
        User user = Web.user(ctx);
        Checked checked = check(ctx, null);
        EditionForm form = checked.form();
        List<FieldError> errors = new ArrayList<>(checked.errors());
        Integer year = checked.year();
        LocalDate start = checked.start();
        LocalDate end = checked.end();
        List<String> languages = checked.languages();
        UploadedFile file = ctx.uploadedFile("questionnaire");
        byte[] xlsx = null;
        QuestionnaireCheck check = null;
        if (file != null && file.size() > 0) {
            xlsx = Web.bytes(file);
            check = QuestionnaireCheck.of(file.filename(), xlsx);
            if (!check.ok()) {
                errors.add(new FieldError("questionnaire", "editions.error.questionnaire", check.problems().size()));
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            Web.render(ctx, "admin/editionNew.jte", "form", form, "errors", errors, "problems",
                    check == null ? List.<FormProblem>of() : check.problems());
            return;
        }
        Long questionnaireId = null;
        if (check != null) {
            questionnaireId = questionnaires.store(file.filename(), xlsx, check.form(), user.id()).id();
            Web.audit(ctx, "questionnaire.upload", "questionnaire:" + questionnaireId, file.filename());
        }
        Edition edition = editions.create(form.name(), year, start, end, languages, questionnaireId);
        Web.audit(ctx, "edition.create", "edition:" + edition.id(), edition.name());
        ctx.redirect("/admin/editions/" + edition.id(), HttpStatus.SEE_OTHER);
    }

    public void editForm(Context ctx) {
        Edition e = EditionPath.of(ctx, editions);
        EditionForm form = new EditionForm(e.name(), e.year() == null ? "" : String.valueOf(e.year()),
                e.fieldworkStart() == null ? "" : e.fieldworkStart().toString(),
                e.fieldworkEnd() == null ? "" : e.fieldworkEnd().toString(), e.languages());
        Web.render(ctx, "admin/editionEdit.jte", "edition", e, "form", form, "errors", List.of());
    }

    public void update(Context ctx) {
        Edition e = EditionPath.of(ctx, editions);
        Checked checked = check(ctx, e.id());
        if (!checked.errors().isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            Web.render(ctx, "admin/editionEdit.jte", "edition", e, "form", checked.form(), "errors", checked.errors());
            return;
        }
        editions.update(e.id(), checked.form().name(), checked.year(), checked.start(), checked.end(),
                checked.languages());
        Web.audit(ctx, "edition.update", "edition:" + e.id(), checked.form().name() + " fieldwork "
                + checked.start() + " – " + checked.end() + " languages " + String.join(",", checked.languages()));
        ctx.redirect("/admin/editions/" + e.id(), HttpStatus.SEE_OTHER);
    }

    public void show(Context ctx) {
        showWith(ctx, EditionPath.of(ctx, editions), List.of());
    }

    /**
     * Opens the questionnaire as a respondent would, through a test link of the signed-in user's own: its answers
     * are kept apart and never count (see InvitationStore#createTest). The link works for a day.
     */
    public void tryQuestionnaire(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        if (edition.questionnaireId() == null) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            showWith(ctx, edition, List.of());
            return;
        }
        var link = new org.barometer.app.respond.InvitationStore(platform.jdbi())
                .createTest(edition.id(), Web.lang(ctx), java.time.Instant.now().plus(java.time.Duration.ofDays(1)));
        Web.audit(ctx, "edition.testLink", "edition " + edition.id(), link.workplaceId());
        ctx.redirect("/r/" + link.token(), HttpStatus.SEE_OTHER);
    }

    private void showWith(Context ctx, Edition edition, List<FormProblem> problems) {
        var questionnaire = edition.questionnaireId() == null ? null
                : questionnaires.find(edition.questionnaireId()).orElse(null);
        var frame = edition.frameId() == null ? null : new FrameStore(platform.jdbi()).frame(edition.frameId()).orElse(null);
        var sample = edition.sampleId() == null ? null
                : new SampleStore(platform.jdbi()).find(edition.sampleId()).orElse(null);
        Web.render(ctx, "admin/edition.jte", "edition", edition, "questionnaire", questionnaire, "frame", frame,
                "sample", sample, "problems", problems);
    }

    public void uploadQuestionnaire(Context ctx) {
        User user = Web.user(ctx);
        Edition edition = EditionPath.of(ctx, editions);
        UploadedFile file = ctx.uploadedFile("questionnaire");
        if (file == null || file.size() == 0) {
            ctx.status(HttpStatus.BAD_REQUEST);
            showWith(ctx, edition, List.of(new FormProblem(null, null, null, null, null, null,
                    Web.t(ctx, "editions.error.noFile"))));
            return;
        }
        byte[] xlsx = Web.bytes(file);
        QuestionnaireCheck check = QuestionnaireCheck.of(file.filename(), xlsx);
        if (!check.ok()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            showWith(ctx, edition, check.problems());
            return;
        }
        long id = questionnaires.store(file.filename(), xlsx, check.form(), user.id()).id();
        ResponseStore responses = new ResponseStore(platform.jdbi());
        if (edition.questionnaireId() != null && responses.anyAnswers(edition.id())) {
            // answers are stored: the new version is shown as a change to review before it replaces the old one
            Web.audit(ctx, "questionnaire.upload", "edition:" + edition.id(), file.filename() + " (to review)");
            ctx.redirect("/admin/editions/" + edition.id() + "/questionnaire/" + id, HttpStatus.SEE_OTHER);
            return;
        }
        editions.setQuestionnaire(edition.id(), id);
        Web.audit(ctx, "questionnaire.upload", "edition:" + edition.id(), file.filename());
        ctx.redirect("/admin/editions/" + edition.id(), HttpStatus.SEE_OTHER);
    }

    /** A new questionnaire version against the edition's current one, with the answers each change concerns. */
    public record VersionChange(Edition edition, QuestionnaireStore.Questionnaire proposed, FormDiff diff,
                                List<Orphan> orphans, List<String> targets) {}

    /**
     * Stored answers a change would leave without a question: to a question removed (or renamed), which the admin
     * maps to a question of the new version, or to choices removed, which cannot be mapped.
     *
     * @param question  the question in the current version
     * @param answered  how many responses have an answer to it (or to the removed choices)
     * @param choices   the removed choice values that stored answers use, empty for a removed question
     * @param suggested the new question it was probably renamed to, or empty
     */
    public record Orphan(String question, int answered, List<String> choices, String suggested) {}

    private VersionChange change(Edition edition, long proposedId) {
        QuestionnaireStore.Questionnaire current = questionnaires.find(edition.questionnaireId()).orElseThrow();
        QuestionnaireStore.Questionnaire proposed = questionnaires.find(proposedId).orElseThrow(NotFoundResponse::new);
        FormCache forms = new FormCache(platform.jdbi());
        org.barometer.forms.model.Form now = forms.form(proposed);
        FormDiff diff = FormDiff.of(forms.form(current), now);
        ResponseStore responses = new ResponseStore(platform.jdbi());
        List<Orphan> orphans = new ArrayList<>();
        for (String q : diff.removedQuestions()) {
            int answered = responses.answeredCount(edition.id(), q);
            if (answered > 0) {
                orphans.add(new Orphan(q, answered, List.of(), diff.probableRenames().getOrDefault(q, "")));
            }
        }
        for (var e : diff.removedChoices().entrySet()) {
            List<String> used = e.getValue().stream()
                    .filter(v -> responses.choiceCount(edition.id(), e.getKey(), v) > 0).toList();
            if (!used.isEmpty()) {
                int answered = used.stream().mapToInt(v -> responses.choiceCount(edition.id(), e.getKey(), v)).sum();
                orphans.add(new Orphan(e.getKey(), answered, used, ""));
            }
        }
        List<String> targets = now.questions().stream().map(org.barometer.forms.model.Question::name).toList();
        return new VersionChange(edition, proposed, diff, orphans, targets);
    }

    /** The review of a new questionnaire version: what changes, and the stored answers each change concerns. */
    public void reviewQuestionnaire(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        if (edition.questionnaireId() == null) {
            throw new NotFoundResponse();
        }
        Web.render(ctx, "admin/questionnaireChange.jte", "change", change(edition, Web.pathLong(ctx, "questionnaire")),
                "errors", List.of());
    }

    /**
     * Replaces the questionnaire by the reviewed version: every removed question with stored answers must be mapped
     * to a question of the new version ({@code map.<question>}), and no stored answer may use a removed choice;
     * otherwise refused and nothing changes. The answers move to their new names in the same transaction.
     */
    public void applyQuestionnaire(Context ctx) {
        Edition edition = EditionPath.of(ctx, editions);
        if (edition.questionnaireId() == null) {
            throw new NotFoundResponse();
        }
        VersionChange change = change(edition, Web.pathLong(ctx, "questionnaire"));
        List<FieldError> errors = new ArrayList<>();
        java.util.Map<String, String> renames = new java.util.LinkedHashMap<>();
        for (Orphan o : change.orphans()) {
            if (!o.choices().isEmpty()) {
                errors.add(new FieldError("orphan-" + o.question(), "editions.version.error.choices", o.question(),
                        String.join(", ", o.choices()), o.answered()));
                continue;
            }
            String target = trim(ctx.formParam("map." + o.question()));
            if (target.isEmpty() || !change.targets().contains(target)) {
                errors.add(new FieldError("map." + o.question(), "editions.version.error.unmapped", o.question(),
                        o.answered()));
            } else {
                renames.put(o.question(), target);
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            Web.render(ctx, "admin/questionnaireChange.jte", "change", change, "errors", errors);
            return;
        }
        int moved = new ResponseStore(platform.jdbi()).replaceQuestionnaire(edition.id(), change.proposed().id(), renames);
        Web.audit(ctx, "questionnaire.replace", "edition:" + edition.id(), change.proposed().fileName() + "; "
                + change.diff().changes().size() + " changes; answers moved " + renames + " in " + moved + " responses");
        ctx.redirect("/admin/editions/" + edition.id(), HttpStatus.SEE_OTHER);
    }

    private static LocalDate date(String text, String field, List<FieldError> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "editions.error.date"));
            return null;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}

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
        editions.setQuestionnaire(edition.id(), id);
        Web.audit(ctx, "questionnaire.upload", "edition:" + edition.id(), file.filename());
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

package org.barometer.app.fieldwork;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import jakarta.mail.MessagingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.edition.SurveyTexts;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;
import org.barometer.app.text.Language;

/**
 * The page where an office writes what its survey says to respondents ({@link SurveyText}) in each of the edition's
 * languages, sees the invitation as it will read in each, and sends it to itself as a test mail.
 */
public final class SurveyTextPages {
    private final Platform platform;
    private final EditionStore editions;
    private final SurveyTextStore texts;

    public SurveyTextPages(Platform platform) {
        this.platform = platform;
        this.editions = new EditionStore(platform.jdbi());
        this.texts = new SurveyTextStore(platform.jdbi());
    }

    /** One text slot in one language as the form shows it. */
    public record Field(SurveyText text, String language, String name, String value, String defaultText) {}

    /** The invitation as it reads in a language, with example values. */
    public record Preview(String language, String subject, String body) {}

    /** The data of the page. */
    public record View(Edition edition, List<Field> fields, List<Preview> previews, String notice, String testTo,
                       boolean mailServer) {}

    public void page(Context ctx) {
        Edition e = edition(ctx);
        String notice = switch (String.valueOf(ctx.queryParam("done"))) {
            case "saved" -> Web.t(ctx, "texts.saved");
            case "sent" -> Web.t(ctx, "texts.testMailSent", String.valueOf(ctx.queryParam("to")));
            default -> null;
        };
        show(ctx, e, texts.of(e.id()), List.of(), notice, "", HttpStatus.OK);
    }

    /** Saves every text of the form; a text with a problem saves nothing and names the field. */
    public void save(Context ctx) {
        Edition e = edition(ctx);
        SurveyTexts next = SurveyTexts.defaults();
        List<FieldError> errors = new ArrayList<>();
        for (SurveyText text : SurveyText.values()) {
            for (String language : e.languages()) {
                String value = normalise(ctx.formParam(text.field(language)));
                for (SurveyText.Problem p : text.problems(value)) {
                    errors.add(new FieldError(text.field(language), p.key(), p.argument()));
                }
                // the default as it stands is not stored: a later change of the default then reaches this edition
                if (!value.equals(SurveyTexts.defaultText(text, language))) {
                    next = next.with(text, language, value);
                }
            }
        }
        if (!errors.isEmpty()) {
            show(ctx, e, next, errors, null, "", HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        texts.replace(e.id(), next);
        Web.audit(ctx, "edition.texts", "edition " + e.id(), next.own().size() + " texts of its own");
        ctx.redirect("/admin/editions/" + e.id() + "/texts?done=saved", HttpStatus.SEE_OTHER);
    }

    /** Sends the stored invitation, in the chosen language and with example values, to one address. */
    public void testMail(Context ctx) {
        Edition e = edition(ctx);
        SurveyTexts stored = texts.of(e.id());
        String to = normalise(ctx.formParam("test_to")).strip();
        String language = normalise(ctx.formParam("test_language"));
        List<FieldError> errors = new ArrayList<>();
        MailConfig config = mailConfig();
        if (config == null) {
            errors.add(new FieldError("test_to", "texts.error.noMailServer"));
        }
        if (!MailConfig.isAddress(to)) {
            errors.add(new FieldError("test_to", "texts.error.address"));
        }
        if (!e.languages().contains(language)) {
            errors.add(new FieldError("test_language", "texts.error.language"));
        }
        if (errors.isEmpty()) {
            MailTemplates.Mail mail = example(stored, language, ctx);
            try {
                new OutboxSender(new OutboxStore(platform.jdbi()), config).sendNow(to, mail.subject(), mail.body());
            } catch (MessagingException ex) {
                errors.add(new FieldError("test_to", "texts.error.send", String.valueOf(ex.getMessage())));
            }
        }
        if (!errors.isEmpty()) {
            show(ctx, e, stored, errors, null, to, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        Web.audit(ctx, "edition.texts.testMail", "edition " + e.id(), language + " to " + to);
        ctx.redirect("/admin/editions/" + e.id() + "/texts?done=sent&to=" + java.net.URLEncoder.encode(to,
                java.nio.charset.StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, Edition e, SurveyTexts shown, List<FieldError> errors, String notice, String testTo,
                      HttpStatus status) {
        List<Field> fields = new ArrayList<>();
        for (SurveyText text : SurveyText.values()) {
            for (String language : e.languages()) {
                fields.add(new Field(text, language, text.field(language), shown.get(text, language),
                        SurveyTexts.defaultText(text, language)));
            }
        }
        List<Preview> previews = new ArrayList<>();
        if (errors.isEmpty() || status != HttpStatus.UNPROCESSABLE_CONTENT || !testTo.isEmpty()) {
            for (String language : e.languages()) {
                MailTemplates.Mail mail = example(shown, language, ctx);
                previews.add(new Preview(language, mail.subject(), mail.body()));
            }
        }
        ctx.status(status);
        Web.render(ctx, "fieldwork/texts.jte", "view", new View(e, fields, previews, notice, testTo, mailConfig() != null),
                "errors", errors);
    }

    /** The invitation with example values: a workplace and manager that do not exist, a link that does not work. */
    private MailTemplates.Mail example(SurveyTexts shown, String language, Context ctx) {
        Language l = Language.of(language);
        String base = FieldworkPages.baseUrl(platform, ctx);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("workplace_name", l.t("texts.example.workplace"));
        values.put("manager_name", l.t("texts.example.manager"));
        values.put("link", base + "/r/EXAMPLE");
        values.put("optout_link", base + "/r/EXAMPLE/opt-out");
        values.put("deadline", MailingStore.formatDate(LocalDate.now().plusDays(14), language));
        return MailTemplates.render(MailTemplates.Kind.INVITATION, language, values, shown);
    }

    private MailConfig mailConfig() {
        return MailConfig.configured(platform.config().env()).orElse(null);
    }



    private Edition edition(Context ctx) {
        return editions.find(Web.pathLong(ctx, "id")).orElseThrow(NotFoundResponse::new);
    }

    /** Line breaks as the mail writes them; a missing field is an empty text. */
    private static String normalise(String value) {
        return value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n');
    }
}

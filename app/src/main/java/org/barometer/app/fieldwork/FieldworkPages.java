package org.barometer.app.fieldwork;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.barometer.app.platform.Platform;
import org.barometer.app.access.Role;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.Editions;
import org.barometer.app.respond.FormCache;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;

/**
 * The fieldwork pages of the administration: the monitor (per stratum and overall, with a chart and the mailings
 * under way), sending the invitations, scheduling reminders, the addresses that bounced or failed, reopening a
 * submitted response, and the exports. Analysts may look and export; only admins send mail or reopen.
 */
public final class FieldworkPages {
    /** Reminders scheduled for a date go out at this local time. */
    static final LocalTime REMINDER_TIME = LocalTime.of(8, 0);
    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    private final Platform platform;
    private final Editions editions;
    private final Invitations invitations;
    private final Monitor monitor;
    private final Outbox outbox;
    private final Reminders reminders;
    private final ResponseExport export;

    public FieldworkPages(Platform platform) {
        this.platform = platform;
        this.editions = new Editions(platform.jdbi());
        this.invitations = new Invitations(platform.jdbi());
        this.monitor = new Monitor(platform.jdbi());
        this.outbox = new Outbox(platform.jdbi());
        this.reminders = new Reminders(platform.jdbi());
        this.export = new ResponseExport(platform.jdbi(), new FormCache(platform.jdbi()));
    }

    private Edition edition(Context ctx) {
        return editions.find(Web.pathLong(ctx, "id")).orElseThrow(NotFoundResponse::new);
    }

    /** The data of the monitor page. */
    public record View(Edition edition, List<Monitor.Counts> strata, Monitor.Counts total, String chart,
                       List<Mailings.Progress> mailings, List<Reminders.Round> reminders,
                       List<Outbox.Undelivered> undelivered, List<Monitor.ResponseRow> submitted,
                       LocalDate defaultDeadline, boolean canSend) {}

    /** The fieldwork page of an edition. */
    public void page(Context ctx) {
        show(ctx, List.of(), HttpStatus.OK);
    }

    private void show(Context ctx, List<FieldError> errors, HttpStatus status) {
        Edition e = edition(ctx);
        List<Monitor.Counts> strata = monitor.byStratum(e.id());
        Monitor.Counts total = Monitor.total(strata);
        List<String> labels = List.of(Web.t(ctx, "fieldwork.sampled"), Web.t(ctx, "fieldwork.invited"),
                Web.t(ctx, "fieldwork.started"), Web.t(ctx, "fieldwork.completed"), Web.t(ctx, "fieldwork.optedOut"),
                Web.t(ctx, "fieldwork.bounced"));
        String chart = Monitor.chartSvg(total, labels, Web.t(ctx, "fieldwork.chartTitle", e.name()),
                Web.t(ctx, "fieldwork.chartDesc", total.sampled(), total.invited(), total.started(), total.completed(),
                        total.optedOut(), total.bounced()));
        Mailings mailings = new Mailings(platform.jdbi(), baseUrl(ctx));
        View view = new View(e, strata, total, chart, mailings.mailings(e.id()), reminders.rounds(e.id()),
                outbox.undelivered(e.id()), monitor.submitted(e.id(), 50),
                e.fieldworkEnd() != null ? e.fieldworkEnd() : LocalDate.now(ZONE).plusWeeks(3),
                Web.user(ctx) != null && Web.user(ctx).isAdmin());
        ctx.status(status);
        Web.render(ctx, "fieldwork/monitor.jte", "view", view, "errors", errors);
    }

    private String baseUrl(Context ctx) {
        String configured = platform.config().publicUrl();
        return configured != null ? configured : ctx.scheme() + "://" + ctx.host();
    }

    private LocalDate date(Context ctx, String field, List<FieldError> errors, boolean required) {
        String text = ctx.formParam(field);
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "fieldwork.error.dateMissing"));
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException ex) {
            errors.add(new FieldError(field, "fieldwork.error.date", text));
            return null;
        }
    }

    public void sendInvitations(Context ctx) {
        Edition e = edition(ctx);
        List<FieldError> errors = new ArrayList<>();
        LocalDate deadline = date(ctx, "deadline", errors, true);
        if (e.sampleId() == null) {
            errors.add(new FieldError("deadline", "fieldwork.error.noSample"));
        }
        if (e.questionnaireId() == null) {
            errors.add(new FieldError("deadline", "fieldwork.error.noQuestionnaire"));
        }
        if (!errors.isEmpty()) {
            show(ctx, errors, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        int created = invitations.createForSample(e.id()).size();
        long mailing = new Mailings(platform.jdbi(), baseUrl(ctx)).sendInvitations(e.id(), deadline);
        platform.audit().record(ctx, "fieldwork.invite", "edition " + e.id(),
                created + " new invitations; mailing " + (mailing < 0 ? "none" : Long.toString(mailing)) + "; deadline " + deadline);
        ctx.redirect("/admin/editions/" + e.id() + "/fieldwork", HttpStatus.SEE_OTHER);
    }

    public void scheduleReminder(Context ctx) {
        Edition e = edition(ctx);
        List<FieldError> errors = new ArrayList<>();
        LocalDate sendOn = date(ctx, "send_on", errors, false);
        LocalDate deadline = date(ctx, "reminder_deadline", errors, true);
        if (sendOn != null && sendOn.isBefore(LocalDate.now(ZONE))) {
            errors.add(new FieldError("send_on", "fieldwork.error.past", sendOn.toString()));
        }
        if (!errors.isEmpty()) {
            show(ctx, errors, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        java.time.Instant at = sendOn == null ? java.time.Instant.now() : sendOn.atTime(REMINDER_TIME).atZone(ZONE).toInstant();
        long id = reminders.schedule(e.id(), at, deadline, baseUrl(ctx));
        platform.audit().record(ctx, "fieldwork.reminder", "edition " + e.id(), "round " + id + " at " + at + "; deadline " + deadline);
        ctx.redirect("/admin/editions/" + e.id() + "/fieldwork", HttpStatus.SEE_OTHER);
    }

    public void reopen(Context ctx) {
        Edition e = edition(ctx);
        long responseId = Web.pathLong(ctx, "response");
        boolean ofEdition = platform.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                WHERE r.id = ? AND i.edition_id = ?""").bind(0, responseId).bind(1, e.id()).mapTo(Integer.class).one() == 1);
        if (!ofEdition) {
            throw new NotFoundResponse();
        }
        String reason = ctx.formParam("reason");
        if (reason == null || reason.isBlank()) {
            show(ctx, List.of(new FieldError("reason-" + responseId, "fieldwork.error.reason")), HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        String who = Web.user(ctx).username();
        if (new org.barometer.app.respond.ResponseStore(platform.jdbi()).reopen(responseId, who, reason.strip())) {
            platform.audit().record(ctx, "fieldwork.reopen", "response " + responseId, reason.strip());
        }
        ctx.redirect("/admin/editions/" + e.id() + "/fieldwork", HttpStatus.SEE_OTHER);
    }

    public void statusCsv(Context ctx) throws IOException {
        Edition e = edition(ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResponseExport.statusCsv(monitor.statusList(e.id()), out);
        send(ctx, out, "text/csv; charset=utf-8", "status-edition-" + e.id() + ".csv");
    }

    public void responsesCsv(Context ctx) throws IOException {
        Edition e = edition(ctx);
        boolean labels = "labels".equals(ctx.queryParam("values"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.csv(e.id(), labels, Web.lang(ctx), out);
        platform.audit().record(ctx, "fieldwork.export", "edition " + e.id(), "responses CSV " + (labels ? "labels" : "codes"));
        send(ctx, out, "text/csv; charset=utf-8", "responses-edition-" + e.id() + (labels ? "-labels" : "") + ".csv");
    }

    public void responsesXlsx(Context ctx) throws IOException {
        Edition e = edition(ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.xlsx(e.id(), Web.lang(ctx), out);
        platform.audit().record(ctx, "fieldwork.export", "edition " + e.id(), "responses XLSX");
        send(ctx, out, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "responses-edition-" + e.id() + ".xlsx");
    }

    private static void send(Context ctx, ByteArrayOutputStream out, String type, String fileName) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.result(out.toByteArray());
    }
}

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
import org.barometer.app.respond.ResponseStore;
import org.barometer.app.access.Role;
import org.barometer.app.edition.Edition;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.edition.FormCache;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;

import org.barometer.app.respond.InvitationStore;
/**
 * The fieldwork pages of the administration: the monitor (per stratum and overall, with a chart and the mailings
 * under way), sending the invitations, scheduling reminders, the addresses that bounced or failed, reopening a
 * submitted response, and the exports. Analysts may look and export; only admins send mail or reopen.
 */
public final class FieldworkPages {
    /** ReminderStore scheduled for a date go out at this local time. */
    static final LocalTime REMINDER_TIME = LocalTime.of(8, 0);
    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    private final Platform platform;
    private final EditionStore editions;
    private final InvitationStore invitations;
    private final MonitorStore monitor;
    private final OutboxStore outbox;
    private final ReminderStore reminders;

    public FieldworkPages(Platform platform) {
        this.platform = platform;
        this.editions = new EditionStore(platform.jdbi());
        this.invitations = new InvitationStore(platform.jdbi());
        this.monitor = new MonitorStore(platform.jdbi());
        this.outbox = new OutboxStore(platform.jdbi());
        this.reminders = new ReminderStore(platform.jdbi());
    }

    private Edition edition(Context ctx) {
        return editions.find(Web.pathLong(ctx, "id")).orElseThrow(NotFoundResponse::new);
    }

    /** The dispositions the monitor counts, in the order of {@link MonitorStore.Counts} (their text keys). */
    public static final List<String> DISPOSITIONS = List.of("sampled", "invited", "delivered", "opened", "started",
            "partial", "completed", "optedOut", "bounced");

    /** The data of the monitor page. */
    public record View(Edition edition, List<MonitorStore.Counts> strata, MonitorStore.Counts total, String chart,
                       List<MailingStore.Progress> mailings, List<ReminderStore.Round> reminders,
                       List<OutboxStore.Undelivered> undelivered, List<MonitorStore.ResponseRow> submitted,
                       LocalDate defaultDeadline, boolean canSend) {}

    /** The fieldwork page of an edition. */
    public void page(Context ctx) {
        show(ctx, List.of(), HttpStatus.OK);
    }

    private void show(Context ctx, List<FieldError> errors, HttpStatus status) {
        Edition e = edition(ctx);
        List<MonitorStore.Counts> strata = monitor.byStratum(e.id());
        MonitorStore.Counts total = MonitorStore.total(strata);
        List<String> labels = DISPOSITIONS.stream().map(key -> Web.t(ctx, "fieldwork." + key)).toList();
        String chart = MonitorStore.chartSvg(total, labels, Web.t(ctx, "fieldwork.chartTitle", e.name()),
                Web.t(ctx, "fieldwork.chartDesc", total.sampled(), total.invited(), total.delivered(), total.opened(),
                        total.started(), total.partial(), total.completed(), total.optedOut(), total.bounced()));
        MailingStore mailings = new MailingStore(platform.jdbi(), baseUrl(ctx));
        View view = new View(e, strata, total, chart, mailings.mailings(e.id()), reminders.rounds(e.id()),
                outbox.undelivered(e.id()), monitor.submitted(e.id(), 50),
                e.fieldworkEnd() != null ? e.fieldworkEnd() : LocalDate.now(ZONE).plusWeeks(3),
                Web.user(ctx) != null && Web.user(ctx).isAdmin());
        ctx.status(status);
        Web.render(ctx, "fieldwork/monitor.jte", "view", view, "errors", errors);
    }

    private String baseUrl(Context ctx) {
        return baseUrl(platform, ctx);
    }

    /** Where personal links point: the configured public address, or the address the request came to. */
    static String baseUrl(Platform platform, Context ctx) {
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
        long mailing = new MailingStore(platform.jdbi(), baseUrl(ctx)).sendInvitations(e.id(), deadline);
        Web.audit(ctx, "fieldwork.invite", "edition " + e.id(),
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
        Web.audit(ctx, "fieldwork.reminder", "edition " + e.id(), "round " + id + " at " + at + "; deadline " + deadline);
        ctx.redirect("/admin/editions/" + e.id() + "/fieldwork", HttpStatus.SEE_OTHER);
    }

    public void reopen(Context ctx) {
        Edition e = edition(ctx);
        long responseId = Web.pathLong(ctx, "response");
        if (!new ResponseStore(platform.jdbi()).ofEdition(responseId, e.id())) {
            throw new NotFoundResponse();
        }
        String reason = ctx.formParam("reason");
        if (reason == null || reason.isBlank()) {
            show(ctx, List.of(new FieldError("reason-" + responseId, "fieldwork.error.reason")), HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        String who = Web.user(ctx).username();
        if (new ResponseStore(platform.jdbi()).reopen(responseId, who, reason.strip())) {
            Web.audit(ctx, "fieldwork.reopen", "response " + responseId, reason.strip());
        }
        ctx.redirect("/admin/editions/" + e.id() + "/fieldwork", HttpStatus.SEE_OTHER);
    }

    public void statusCsv(Context ctx) throws IOException {
        Edition e = edition(ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusList.csv(monitor.statusList(e.id()), out);
        send(ctx, out, "text/csv; charset=utf-8", "status-edition-" + e.id() + ".csv");
    }

    /** Messages shown on one page of the outbox. */
    static final int OUTBOX_PAGE = 100;

    /** The outbox: every message of the edition with its state, newest first, filtered by state. */
    public void outbox(Context ctx) {
        Edition e = edition(ctx);
        String state = ctx.queryParam("state");
        java.util.Map<String, Integer> counts = outbox.counts(e.id());
        if (state != null && !counts.containsKey(state)) {
            state = null;
        }
        int pageNumber = pageNumber(ctx.queryParam("page"));
        List<OutboxStore.Listed> messages = outbox.list(e.id(), state, OUTBOX_PAGE + 1, pageNumber * OUTBOX_PAGE);
        boolean more = messages.size() > OUTBOX_PAGE;
        Web.render(ctx, "fieldwork/outbox.jte", "edition", e, "counts", counts, "state", state,
                "messages", more ? messages.subList(0, OUTBOX_PAGE) : messages, "pageNumber", pageNumber, "more", more,
                "delivery", platform.config().env().getOrDefault("BAROMETER_SMTP_HOST", ""));
    }

    private static int pageNumber(String text) {
        try {
            return text == null ? 0 : Math.max(0, Math.min(Integer.parseInt(text.strip()), 1_000_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One message as it was (or will be) sent, its personal token masked. */
    public void message(Context ctx) {
        Edition e = edition(ctx);
        OutboxStore.Shown shown = outbox.shown(e.id(), Web.pathLong(ctx, "message")).orElseThrow(NotFoundResponse::new);
        Web.render(ctx, "fieldwork/message.jte", "edition", e, "shown", shown, "errors", List.of(),
                "address", shown.message().recipient());
    }

    /** Sends a failed or bounced message again, to its address or a corrected one (audited). */
    public void resend(Context ctx) {
        Edition e = edition(ctx);
        long messageId = Web.pathLong(ctx, "message");
        OutboxStore.Shown shown = outbox.shown(e.id(), messageId).orElseThrow(NotFoundResponse::new);
        String address = ctx.formParam("address") == null ? "" : ctx.formParam("address").strip();
        List<FieldError> errors = new ArrayList<>();
        if (!MailConfig.isAddress(address)) {
            errors.add(new FieldError("address", "fieldwork.resend.error.address"));
        }
        OutboxStore.Resent result = errors.isEmpty() ? outbox.resend(e.id(), messageId, address) : null;
        if (result instanceof OutboxStore.Resent.Refused r) {
            errors.add(new FieldError("address", r.reason() == OutboxStore.ResendRefusal.NOT_FOUND
                    ? "fieldwork.resend.error.gone" : "fieldwork.resend.error.state"));
        }
        if (result instanceof OutboxStore.Resent.Queued q) {
            Web.audit(ctx, "fieldwork.resend", "message " + messageId, "as message " + q.messageId() + " to " + address);
            ctx.redirect("/admin/editions/" + e.id() + "/fieldwork/outbox/" + q.messageId(), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        Web.render(ctx, "fieldwork/message.jte", "edition", e, "shown", shown, "errors", errors, "address", address);
    }

    /**
     * The personal links as CSV, for offices that deliver them through their own channel: fresh links for every
     * invitation not submitted or opted out, the earlier links of those workplaces disabled (the page says so
     * before the button), audited.
     */
    public void exportLinks(Context ctx) throws IOException {
        Edition e = edition(ctx);
        if (!"yes".equals(ctx.formParam("understood"))) {
            show(ctx, List.of(new FieldError("understood", "fieldwork.links.error.understood")),
                    HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        MailingStore mailings = new MailingStore(platform.jdbi(), baseUrl(ctx));
        List<InvitationStore.ExportedLink> links = invitations.reissueLinks(e.id());
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(org.barometer.formats.sheet.SpreadsheetText.csvLine(List.of("workplace_id", "workplace_name",
                "manager_name", "manager_email", "language", "link", "opt_out_link")));
        for (InvitationStore.ExportedLink l : links) {
            csv.append(org.barometer.formats.sheet.SpreadsheetText.csvLine(List.of(l.workplaceId(), l.workplaceName(),
                    l.managerName(), l.email(), l.language(), mailings.link(l.token()), mailings.optOutLink(l.token()))));
        }
        Web.audit(ctx, "fieldwork.links.export", "edition " + e.id(), links.size() + " links issued anew");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"links-edition-" + e.id() + ".csv\"");
        ctx.result(csv.toString());
    }

    /**
     * Discards a test run's fieldwork, so that the sample may be drawn again: the admin types the edition's name
     * to confirm; refused once the edition is published. Audited.
     */
    public void discard(Context ctx) {
        Edition e = edition(ctx);
        String confirm = ctx.formParam("confirm");
        if (confirm == null || !confirm.strip().equals(e.name())) {
            show(ctx, List.of(new FieldError("confirm", "fieldwork.discard.error.confirm", e.name())),
                    HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        java.util.Optional<InvitationStore.Discarded> discarded = invitations.discardFieldwork(e.id());
        if (discarded.isEmpty()) {
            show(ctx, List.of(new FieldError("confirm", "fieldwork.discard.error.published")), HttpStatus.CONFLICT);
            return;
        }
        InvitationStore.Discarded d = discarded.get();
        Web.audit(ctx, "fieldwork.discard", "edition " + e.id(), d.invitations() + " invitations, " + d.responses()
                + " responses, " + d.messages() + " messages discarded");
        ctx.redirect("/admin/editions/" + e.id() + "/fieldwork?discarded=" + d.invitations(), HttpStatus.SEE_OTHER);
    }

    private static void send(Context ctx, ByteArrayOutputStream out, String type, String fileName) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.result(out.toByteArray());
    }
}

package org.barometer.app.cases;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.http.Admission;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.ResponseStore;

/**
 * The public pages of the case library: search with facets, a case's page, its images, the submission form (open
 * to anyone, and through a personal link), and the respondent's yes to the offer on the last page of a survey.
 *
 * <p>Submissions are anonymous writes, so they are bounded: every field has a length limit, markup is refused, a
 * hidden field that people leave empty catches simple robots, and each client may send at most
 * {@link #submissionsPerMinute()} submissions a minute ({@code BAROMETER_CASE_SUBMISSIONS_PER_MINUTE}, default
 * {@value #DEFAULT_PER_MINUTE}), counted in PostgreSQL by {@link Admission} for every node together; past that the
 * answer is 429 with {@code Retry-After}.
 */
public final class CasePages {
    /** The hidden field that people leave empty and simple robots fill in. */
    public static final String HONEYPOT = "website";
    public static final int DEFAULT_PER_MINUTE = 5;
    /** Hits on one page of search results. */
    public static final int PAGE_SIZE = 20;
    /** How long a personal submission link works. */
    public static final Duration INVITE_VALID = Duration.ofDays(90);
    /** The admission bucket of submissions. */
    static final String BUCKET = "cases";

    private final CaseLibrary library;
    private final CaseStore store;
    private final Admission admission;
    private final int perMinute;
    private final InvitationStore invitations;
    private final ResponseStore responses;
    private final SurveyTextStore texts;

    public CasePages(Platform platform, Admission admission) {
        this.library = new CaseLibrary(platform);
        this.store = library.store();
        this.admission = admission;
        this.perMinute = platform.config().integer("BAROMETER_CASE_SUBMISSIONS_PER_MINUTE", DEFAULT_PER_MINUTE, 1, 10_000);
        this.invitations = new InvitationStore(platform.jdbi());
        this.responses = new ResponseStore(platform.jdbi());
        this.texts = new SurveyTextStore(platform.jdbi());
    }

    /** Submissions a client may send per minute. */
    public int submissionsPerMinute() {
        return perMinute;
    }

    /** One value of a facet: its label, how many cases the search finds under it, the address that chooses it. */
    public record FacetValue(String code, String label, int count, boolean chosen, String href) {}

    /** A facet: a classification with its values. */
    public record Facet(Classification.Kind kind, List<FacetValue> values) {}

    /** The search page's data. */
    public record SearchView(String words, String tag, List<Facet> facets, List<CaseStore.Hit> hits, int total,
                             int pageNo, int pages, String previous, String next, List<Classification> classes,
                             Map<String, String> chosenLabels, String clearHref) {}

    // ------------------------------------------------------------------------------------------ search and reading

    public void search(Context ctx) {
        String lang = Web.lang(ctx);
        String words = bounded(ctx.queryParam("q"), 200);
        String tag = bounded(ctx.queryParam("tag"), CaseDraft.TAG_MAX);
        List<Classification> classes = library.classifications();
        Map<Classification.Kind, String> filters = new EnumMap<>(Classification.Kind.class);
        for (Classification.Kind k : Classification.Kind.values()) {
            String v = ctx.queryParam(k.code());
            if (v != null && Classification.of(classes, k).stream().anyMatch(c -> c.code().equals(v))) {
                filters.put(k, v);
            }
        }
        CaseStore.Search s = new CaseStore.Search(words, lang, filters, tag);
        int pageNo = Math.max(1, Math.min(1_000, parse(ctx.queryParam("page"))));
        CaseStore.Found found = store.search(library.series(), s, PAGE_SIZE, (pageNo - 1) * PAGE_SIZE);
        Map<Classification.Kind, Map<String, Integer>> counts = store.facets(library.series(), s);
        List<Facet> facets = new ArrayList<>();
        Map<String, String> chosenLabels = new LinkedHashMap<>();
        for (Classification.Kind k : Classification.Kind.values()) {
            List<FacetValue> values = new ArrayList<>();
            for (Classification c : Classification.of(classes, k)) {
                int n = counts.get(k).getOrDefault(c.code(), 0);
                boolean chosen = c.code().equals(filters.get(k));
                if (n > 0 || chosen) {
                    Map<Classification.Kind, String> next = new EnumMap<>(filters);
                    if (chosen) {
                        next.remove(k);
                    } else {
                        next.put(k, c.code());
                    }
                    values.add(new FacetValue(c.code(), c.label(lang), n, chosen, href(words, tag, next, 1)));
                }
                if (chosen) {
                    chosenLabels.put(k.code(), c.label(lang));
                }
            }
            facets.add(new Facet(k, values));
        }
        int pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        Web.render(ctx, "cases/search.jte", "view", new SearchView(words, tag, facets, found.hits(), found.total(),
                pageNo, pages, pageNo > 1 ? href(words, tag, filters, pageNo - 1) : null,
                pageNo < pages ? href(words, tag, filters, pageNo + 1) : null, classes, chosenLabels,
                href("", "", Map.of(), 1)));
    }

    public void show(Context ctx) {
        CaseStore.CaseRecord c = store.find(Web.pathLong(ctx, "id")).filter(x -> "published".equals(x.status()))
                .orElseThrow(NotFoundResponse::new);
        Web.render(ctx, "cases/case.jte", "c", c, "classes", library.classifications(), "preview", false);
    }

    /** An uploaded image of a published case. */
    public void image(Context ctx) {
        CaseStore.StoredImage image = store.image(Web.pathLong(ctx, "image"))
                .filter(i -> "published".equals(i.caseStatus())).orElseThrow(NotFoundResponse::new);
        sendImage(ctx, image);
    }

    static void sendImage(Context ctx, CaseStore.StoredImage image) {
        ctx.contentType(image.contentType()).header("Cache-Control", "public, max-age=3600").result(image.data());
    }

    // ------------------------------------------------------------------------------------------ submitting

    public void form(Context ctx) {
        showForm(ctx, Map.of("lang", Web.lang(ctx)), List.of(), "/portal/cases/submit", HttpStatus.OK);
    }

    public void submit(Context ctx) {
        admission.count(ctx, BUCKET, perMinute);
        receive(ctx, "/portal/cases/submit", "public", null);
    }

    /** The form of a personal link, filled in with what the survey knows of the workplace. */
    public void personalForm(Context ctx) {
        CaseStore.Invite invite = usableInvite(ctx);
        if (invite == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lang", Web.lang(ctx));
        if (invite.responseId() != null) {
            responses.byId(invite.responseId()).flatMap(r -> invitations.find(r.invitationId())).ifPresent(inv -> {
                values.put("organisation", inv.workplaceName());
                values.put("contact_name", inv.managerName() == null ? "" : inv.managerName());
                values.put("contact_email", inv.email() == null ? "" : inv.email());
            });
        }
        showForm(ctx, values, List.of(), ctx.path(), HttpStatus.OK);
    }

    public void personalSubmit(Context ctx) {
        admission.count(ctx, BUCKET, perMinute);
        CaseStore.Invite invite = usableInvite(ctx);
        if (invite == null) {
            return;
        }
        receive(ctx, ctx.path(), "personal", invite.id());
    }

    public void submitted(Context ctx) {
        Web.render(ctx, "cases/notice.jte", "title", Web.t(ctx, "cases.submitted.title"),
                "text", Web.t(ctx, "cases.submitted.text"));
    }

    /**
     * The respondent's yes to the offer on the survey's last page: the consent is stored with the response, and a
     * personal submission link is made and opened. Only a submitted response of an edition that makes the offer.
     */
    public void consent(Context ctx) {
        InvitationStore.Resolution r = invitations.resolve(ctx.pathParam("token"));
        InvitationStore.Invitation inv = r.invitation().filter(i -> r.status() == InvitationStore.Status.VALID)
                .orElseThrow(NotFoundResponse::new);
        String lang = inv.language();
        if (texts.of(inv.editionId()).get(SurveyText.CASE_OFFER, lang).isBlank()) {
            throw new NotFoundResponse();
        }
        long response = responses.consentToCaseContact(inv.id()).orElseThrow(NotFoundResponse::new);
        String secret = store.issueInvite(library.series(), response, "respondent", INVITE_VALID);
        Web.audit(ctx, "cases.consent", "response " + response, "personal submission link issued");
        ctx.redirect("/portal/cases/submit/" + secret + "?lang=" + lang, HttpStatus.SEE_OTHER);
    }

    /** The request's personal link when it still works; else its page says why, and the answer is null. */
    private CaseStore.Invite usableInvite(Context ctx) {
        CaseStore.Invite invite = store.invite(ctx.pathParam("token")).orElseThrow(NotFoundResponse::new);
        if (invite.used() || invite.expiresAt().toInstant().isBefore(java.time.Instant.now())) {
            ctx.status(HttpStatus.GONE);
            Web.render(ctx, "cases/notice.jte", "title", Web.t(ctx, "cases.invite.goneTitle"),
                    "text", Web.t(ctx, invite.used() ? "cases.invite.used" : "cases.invite.expired"));
            return null;
        }
        return invite;
    }

    /** Reads, checks and stores a submission; a submission with any problem is shown again and stores nothing. */
    private void receive(Context ctx, String action, String source, Long inviteId) {
        Map<String, String> values = values(ctx);
        List<FieldError> errors = new ArrayList<>();
        if (!values.getOrDefault(HONEYPOT, "").isEmpty()) {
            errors.add(new FieldError(HONEYPOT, "cases.error.honeypot", Web.t(ctx, "cases.field.website")));
        }
        CaseDraft draft = draft(ctx, values);
        errors.addAll(draft.problems(Web.language(ctx), library.classifications()));
        if (!errors.isEmpty()) {
            showForm(ctx, values, errors, action, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        OptionalLong id = store.create(library.series(), source, draft, inviteId);
        if (id.isEmpty()) {
            ctx.status(HttpStatus.GONE);
            Web.render(ctx, "cases/notice.jte", "title", Web.t(ctx, "cases.invite.goneTitle"),
                    "text", Web.t(ctx, "cases.invite.used"));
            return;
        }
        Web.audit(ctx, "cases.submit", "case " + id.getAsLong(), source);
        ctx.redirect("/portal/cases/submitted?lang=" + Web.lang(ctx), HttpStatus.SEE_OTHER);
    }

    void showForm(Context ctx, Map<String, String> values, List<FieldError> errors, String action, HttpStatus status) {
        ctx.status(status);
        Web.render(ctx, "cases/submit.jte", "values", values, "errors", errors, "action", action,
                "classes", library.classifications(), "perMinute", perMinute);
    }

    // ------------------------------------------------------------------------------------------ the form's fields

    /** The text fields of the form, as sent (line breaks as {@code \n}); absent ones are empty. */
    static final List<String> FIELDS = List.of("lang", "title", "summary", "problem", "solution", "results",
            "result_numbers", "before", "now", "value_text", "organisation", "level", "sector", "technology", "novelty",
            "value", "tags", "licence", "contact_name", "contact_email", "contact_phone", "contact_role",
            "contact_consent", "links", "image_alt", HONEYPOT);

    static Map<String, String> values(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = ctx.formParam(f);
            values.put(f, v == null ? "" : v.replace("\r\n", "\n").replace('\r', '\n').strip());
        }
        return values;
    }

    static CaseDraft draft(Context ctx, Map<String, String> v) {
        UploadedFile file = ctx.uploadedFile("image");
        CaseDraft.Image image = null;
        if (file != null && file.size() > 0) {
            // an image past the limit is not read: its size is enough to refuse it
            byte[] data = file.size() > CaseDraft.IMAGE_MAX_BYTES ? new byte[CaseDraft.IMAGE_MAX_BYTES + 1] : Web.bytes(file);
            image = new CaseDraft.Image(data, CaseDraft.imageType(data), v.get("image_alt"));
        }
        String licence = v.get("licence").isEmpty() ? CaseDraft.LICENCES.getFirst() : v.get("licence");
        return new CaseDraft(v.get("lang"), v.get("title"), v.get("summary"), v.get("problem"), v.get("solution"),
                v.get("results"), CaseDraft.lines(v.get("result_numbers")), v.get("before"), v.get("now"),
                v.get("value_text"), v.get("organisation"), v.get("level"), v.get("sector"), v.get("technology"),
                v.get("novelty"), v.get("value"), CaseDraft.tags(v.get("tags")), licence,
                new CaseDraft.Contact(v.get("contact_name"), v.get("contact_email"), v.get("contact_phone"),
                        v.get("contact_role"), "yes".equals(v.get("contact_consent"))),
                CaseDraft.lines(v.get("links")), image);
    }

    private static String href(String words, String tag, Map<Classification.Kind, String> filters, int page) {
        StringBuilder b = new StringBuilder("/portal/cases");
        List<String> parts = new ArrayList<>();
        if (!words.isEmpty()) {
            parts.add("q=" + enc(words));
        }
        filters.forEach((k, v) -> parts.add(k.code() + "=" + enc(v)));
        if (!tag.isEmpty()) {
            parts.add("tag=" + enc(tag));
        }
        if (page > 1) {
            parts.add("page=" + page);
        }
        if (!parts.isEmpty()) {
            b.append('?').append(String.join("&", parts));
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String bounded(String s, int max) {
        String v = s == null ? "" : s.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }

    private static int parse(String s) {
        try {
            return s == null ? 1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

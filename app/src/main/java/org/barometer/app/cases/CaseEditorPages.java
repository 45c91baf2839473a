package org.barometer.app.cases;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.http.FieldError;
import org.barometer.app.http.Web;
import org.barometer.app.platform.Platform;

/**
 * The editors' pages of the case library: every case by status, a case reviewed and edited in each language, its
 * publication and retirement, and personal submission links made for someone the office wants to ask.
 */
public final class CaseEditorPages {
    public static final List<String> STATUSES = List.of("submitted", "published", "retired");

    private final CaseLibrary library;
    private final CaseStore store;
    private final Platform platform;

    public CaseEditorPages(Platform platform) {
        this.library = new CaseLibrary(platform);
        this.store = library.store();
        this.platform = platform;
    }

    public void list(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            status = null;
        }
        Web.render(ctx, "cases/editor.jte", "hits", store.list(library.series(), status, Web.lang(ctx)),
                "status", status, "classes", library.classifications(), "link", null);
    }

    public void edit(Context ctx) {
        CaseStore.CaseRecord c = found(ctx);
        String version = version(ctx, c);
        String notice = switch (String.valueOf(ctx.queryParam("done"))) {
            case "saved" -> Web.t(ctx, "cases.editor.saved");
            case "published" -> Web.t(ctx, "cases.editor.publishedNotice");
            case "retired" -> Web.t(ctx, "cases.editor.retiredNotice");
            default -> null;
        };
        show(ctx, c, values(c, version), List.of(), notice, HttpStatus.OK);
    }

    public void save(Context ctx) {
        CaseStore.CaseRecord c = found(ctx);
        Map<String, String> values = CasePages.values(ctx);
        CaseDraft draft = CasePages.draft(ctx, values);
        List<FieldError> errors = draft.problems(Web.language(ctx), library.classifications());
        if (!errors.isEmpty()) {
            show(ctx, c, values, errors, null, HttpStatus.UNPROCESSABLE_CONTENT);
            return;
        }
        store.update(c.id(), draft);
        Web.audit(ctx, "cases.edit", "case " + c.id(), "version " + draft.lang());
        ctx.redirect("/admin/cases/" + c.id() + "?version=" + draft.lang() + "&done=saved", HttpStatus.SEE_OTHER);
    }

    public void publish(Context ctx) {
        status(ctx, "published");
    }

    public void retire(Context ctx) {
        status(ctx, "retired");
    }

    private void status(Context ctx, String status) {
        CaseStore.CaseRecord c = found(ctx);
        store.setStatus(c.id(), status);
        Web.audit(ctx, "cases." + status, "case " + c.id(), c.status() + " -> " + status);
        ctx.redirect("/admin/cases/" + c.id() + "?done=" + status, HttpStatus.SEE_OTHER);
    }

    /** Any case's image, for the editor's preview. */
    public void image(Context ctx) {
        CasePages.sendImage(ctx, store.image(Web.pathLong(ctx, "image")).orElseThrow(NotFoundResponse::new));
    }

    /** A personal submission link for someone the office asks for a case; shown once, kept only as its hash. */
    public void newLink(Context ctx) {
        String secret = store.issueInvite(library.series(), null, Web.user(ctx).username(), CasePages.INVITE_VALID);
        Web.audit(ctx, "cases.link", "cases", "personal submission link issued");
        // where personal links point: the configured public address, or the address the request came to
        String configured = platform.config().publicUrl();
        String base = configured != null ? configured : ctx.scheme() + "://" + ctx.host();
        Web.render(ctx, "cases/editor.jte", "hits", store.list(library.series(), null, Web.lang(ctx)),
                "status", null, "classes", library.classifications(), "link", base + "/portal/cases/submit/" + secret);
    }

    private void show(Context ctx, CaseStore.CaseRecord c, Map<String, String> values, List<FieldError> errors,
                      String notice, HttpStatus status) {
        ctx.status(status);
        Web.render(ctx, "cases/review.jte", "c", c, "values", values, "errors", errors, "notice", notice,
                "classes", library.classifications());
    }

    private CaseStore.CaseRecord found(Context ctx) {
        return store.find(Web.pathLong(ctx, "id")).orElseThrow(NotFoundResponse::new);
    }

    /** The version asked for, else the page's language when the case has it, else the case's first. */
    private static String version(Context ctx, CaseStore.CaseRecord c) {
        String asked = ctx.queryParam("version");
        if ("da".equals(asked) || "en".equals(asked)) {
            return asked;
        }
        return c.versions().containsKey(Web.lang(ctx)) ? Web.lang(ctx) : c.versions().keySet().iterator().next();
    }

    /** The form's values of a case in a language; a language it has no version in starts with empty texts. */
    static Map<String, String> values(CaseStore.CaseRecord c, String lang) {
        Map<String, String> v = new LinkedHashMap<>();
        CaseStore.Version version = c.versions().get(lang);
        v.put("lang", lang);
        v.put("title", version == null ? "" : version.title());
        v.put("summary", version == null ? "" : version.summary());
        v.put("problem", version == null ? "" : version.problem());
        v.put("solution", version == null ? "" : version.solution());
        v.put("results", version == null ? "" : version.results());
        v.put("result_numbers", version == null ? "" : String.join("\n", version.resultNumbers()));
        v.put("before", version == null ? "" : version.before());
        v.put("now", version == null ? "" : version.now());
        v.put("value_text", version == null ? "" : version.valueText());
        v.put("organisation", c.organisation());
        v.put("level", c.level());
        v.put("sector", c.sector());
        v.put("technology", c.technology());
        v.put("novelty", c.novelty());
        v.put("value", c.value());
        v.put("tags", String.join(", ", c.tags()));
        v.put("licence", c.licence());
        if (!c.contacts().isEmpty()) {
            CaseStore.ContactRow p = c.contacts().getFirst();
            v.put("contact_name", p.name());
            v.put("contact_email", p.email());
            v.put("contact_phone", p.phone());
            v.put("contact_role", p.role());
            v.put("contact_consent", p.showConsent() ? "yes" : "");
        }
        v.put("links", String.join("\n", c.links()));
        c.image(lang).ifPresent(i -> v.put("image_alt", i.alt()));
        return v;
    }
}

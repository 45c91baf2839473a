package org.barometer.app.http;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.barometer.app.platform.Platform;
import org.barometer.app.text.Language;
import org.barometer.app.access.User;

import org.barometer.app.text.Texts;
/**
 * What a template knows about the request it renders: language and texts, the signed-in user, the CSRF
 * token for its forms, and the current address (for the language switch and the navigation).
 */
public final class PageContext {
    private final Context ctx;
    private final Platform platform;
    private final String lang;

    PageContext(Context ctx, Platform platform) {
        this.ctx = ctx;
        this.platform = platform;
        this.lang = Web.lang(ctx);
    }

    /** The page's language code. */
    public String lang() {
        return lang;
    }

    /** The texts and number formats of the page's language. */
    public Language language() {
        return platform.texts().in(lang);
    }

    /** The text for a key, in the page's language. */
    public String t(String key, Object... args) {
        return platform.texts().get(lang, key, args);
    }

    /**
     * The session's CSRF token, for the hidden {@code _csrf} field of every form (creates an anonymous
     * session when there is none yet).
     */
    public String csrfToken() {
        return Web.sessions(ctx).ensure(ctx).csrfToken();
    }

    /** The signed-in user, or null. */
    public User user() {
        return Web.user(ctx);
    }

    public boolean signedIn() {
        return user() != null;
    }

    public boolean admin() {
        return user() != null && user().isAdmin();
    }

    /** Whether the signed-in user edits the case library (editors and admins). */
    public boolean caseEditor() {
        return user() != null && (user().isAdmin() || user().role() == org.barometer.app.access.Role.EDITOR);
    }

    /** Whether the signed-in user works with data (analysts and admins). */
    public boolean analyst() {
        return user() != null && (user().isAdmin() || user().role() == org.barometer.app.access.Role.ANALYST);
    }

    /** Whether the signed-in user codes open answers (coders, senior coders and admins). */
    public boolean coder() {
        return user() != null && (user().isAdmin() || user().role() == org.barometer.app.access.Role.CODER
                || user().role() == org.barometer.app.access.Role.SENIOR_CODER);
    }

    /** Whether the signed-in user keeps coding frames and adjudicates (senior coders and admins). */
    public boolean seniorCoder() {
        return user() != null && (user().isAdmin() || user().role() == org.barometer.app.access.Role.SENIOR_CODER);
    }

    /** The current path. */
    public String path() {
        return ctx.path();
    }

    /** Whether the current page is at or below a path (for {@code aria-current} in navigation). */
    public boolean at(String pathPrefix) {
        String p = ctx.path();
        return p.equals(pathPrefix) || (!pathPrefix.equals("/") && p.startsWith(pathPrefix + "/"));
    }

    /** The languages of the interface. */
    public List<String> languages() {
        return Texts.LANGUAGES;
    }

    /** The current page in another language (other query parameters kept). */
    public String languageUrl(String targetLang) {
        StringBuilder url = new StringBuilder(ctx.path()).append("?lang=").append(targetLang);
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("lang")) {
                continue;
            }
            for (String v : e.getValue()) {
                url.append('&').append(enc(e.getKey())).append('=').append(enc(v));
            }
        }
        return url.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The error summary's lines for a form's field errors, each linking to its field. */
    public List<ErrorLink> errorLinks(List<FieldError> errors) {
        return errors.stream().map(e -> new ErrorLink("#" + e.field(), t(e.messageKey(), e.args()))).toList();
    }

    /** The error summary's one line: what is wrong, linking to the place that shows it. */
    public List<ErrorLink> errorLink(String target, String text) {
        return List.of(new ErrorLink(target, text));
    }

    /** The message for a field's first error, or null when the field has none. */
    public String errorFor(List<FieldError> errors, String field) {
        for (FieldError e : errors) {
            if (e.field().equals(field)) {
                return t(e.messageKey(), e.args());
            }
        }
        return null;
    }

    /** Formats a number for the page's language (thousands separators). */
    public String number(long n) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.of(lang)).format(n);
    }

    /** Formats a fraction as a percentage with one decimal, for the page's language. */
    public String percent(double fraction) {
        java.text.NumberFormat f = java.text.NumberFormat.getPercentInstance(java.util.Locale.of(lang));
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        return f.format(fraction);
    }

    /** A time stamp as {@code yyyy-MM-dd HH:mm} UTC. */
    public String time(java.time.OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC";
    }

    /** The request, for templates that need more. */
    public Context ctx() {
        return ctx;
    }
}

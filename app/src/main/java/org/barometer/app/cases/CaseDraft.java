package org.barometer.app.cases;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.barometer.app.http.FieldError;
import org.barometer.app.text.Language;

/**
 * A case as someone writes it in one language: the public form, a personal link, an editor or the demo. It is
 * checked as a whole ({@link #problems}) before anything is stored, so a case with one bad field stores nothing and
 * each problem names its field.
 *
 * @param lang          the language it is written in ({@code da} or {@code en})
 * @param resultNumbers results in numbers, one per line ("40 % shorter waits")
 * @param novelty       whether the technology was new to the organisation or known ({@code new}, {@code known})
 * @param image         an uploaded image, or null
 */
public record CaseDraft(String lang, String title, String summary, String problem, String solution, String results,
                        List<String> resultNumbers, String before, String now, String valueText, String organisation,
                        String level, String sector, String technology, String novelty, String value, List<String> tags,
                        String licence, Contact contact, List<String> links, Image image) {

    /** Whom to ask about the case; shown on the case page only when {@code showConsent}. */
    public record Contact(String name, String email, String phone, String role, boolean showConsent) {
        public boolean isEmpty() {
            return name.isEmpty() && email.isEmpty() && phone.isEmpty() && role.isEmpty();
        }
    }

    /** An uploaded image: its bytes, the type they turned out to be (null when neither PNG nor JPEG), its alt text. */
    public record Image(byte[] data, String contentType, String alt) {}

    public static final int TITLE_MAX = 200;
    public static final int SUMMARY_MAX = 1_000;
    public static final int TEXT_MAX = 5_000;
    public static final int SHORT_TEXT_MAX = 2_000;
    public static final int ORGANISATION_MAX = 200;
    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int PHONE_MAX = 40;
    public static final int TAGS_MAX = 10;
    public static final int TAG_MAX = 40;
    public static final int LINKS_MAX = 5;
    public static final int LINK_MAX = 500;
    public static final int NUMBERS_MAX = 5;
    public static final int NUMBER_MAX = 200;
    public static final int ALT_MAX = 300;
    /** The largest image, in bytes (2 MB). */
    public static final int IMAGE_MAX_BYTES = 2 * 1024 * 1024;
    /** The licences a case may be published under; the first is the default. */
    public static final List<String> LICENCES = List.of("CC BY 4.0", "CC BY-SA 4.0", "CC0 1.0");
    public static final List<String> NOVELTIES = List.of("new", "known");

    /** The start of an HTML or XML tag, a comment or a processing instruction: text with it is refused. */
    private static final Pattern MARKUP = Pattern.compile("<\\s*[A-Za-z/!?]");
    /** Control characters other than the line break (which only the longer texts may carry). */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} -]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
    private static final Pattern PHONE = Pattern.compile("[+0-9][0-9 -]*");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    /** The problems of this draft against the series' classifications, each naming its field in {@code l}. */
    public List<FieldError> problems(Language l, List<Classification> classifications) {
        List<FieldError> out = new ArrayList<>();
        if (!List.of("da", "en").contains(lang)) {
            out.add(new FieldError("lang", "cases.error.choice", l.t("cases.field.lang")));
        }
        line(out, l, "title", title, 3, TITLE_MAX);
        text(out, l, "summary", summary, 10, SUMMARY_MAX);
        text(out, l, "problem", problem, 10, TEXT_MAX);
        text(out, l, "solution", solution, 10, TEXT_MAX);
        text(out, l, "results", results, 0, TEXT_MAX);
        text(out, l, "before", before, 0, SHORT_TEXT_MAX);
        text(out, l, "now", now, 0, SHORT_TEXT_MAX);
        text(out, l, "value_text", valueText, 0, SHORT_TEXT_MAX);
        if (resultNumbers.size() > NUMBERS_MAX || resultNumbers.stream().anyMatch(n -> n.length() > NUMBER_MAX)) {
            out.add(new FieldError("result_numbers", "cases.error.numbers", NUMBERS_MAX, NUMBER_MAX));
        } else {
            plain(out, l, "result_numbers", String.join("\n", resultNumbers), true);
        }
        line(out, l, "organisation", organisation, 2, ORGANISATION_MAX);
        choice(out, l, "level", level, codes(classifications, Classification.Kind.LEVEL));
        choice(out, l, "sector", sector, codes(classifications, Classification.Kind.SECTOR));
        choice(out, l, "technology", technology, codes(classifications, Classification.Kind.TECHNOLOGY));
        choice(out, l, "novelty", novelty, NOVELTIES);
        choice(out, l, "value", value, codes(classifications, Classification.Kind.VALUE));
        if (tags.size() > TAGS_MAX || tags.stream().anyMatch(t -> t.length() > TAG_MAX || !TAG.matcher(t).matches())) {
            out.add(new FieldError("tags", "cases.error.tags", TAGS_MAX, TAG_MAX));
        }
        choice(out, l, "licence", licence, LICENCES);
        line(out, l, "contact_name", contact.name(), 0, NAME_MAX);
        line(out, l, "contact_email", contact.email(), 0, EMAIL_MAX);
        if (!contact.email().isEmpty() && !EMAIL.matcher(contact.email()).matches()) {
            out.add(new FieldError("contact_email", "cases.error.email", l.t("cases.field.contact_email")));
        }
        if (contact.phone().length() > PHONE_MAX || (!contact.phone().isEmpty() && !PHONE.matcher(contact.phone()).matches())) {
            out.add(new FieldError("contact_phone", "cases.error.phone", l.t("cases.field.contact_phone"), PHONE_MAX));
        }
        line(out, l, "contact_role", contact.role(), 0, NAME_MAX);
        if (contact.showConsent() && contact.name().isEmpty()) {
            out.add(new FieldError("contact_name", "cases.error.consentWithoutName", l.t("cases.field.contact_name")));
        }
        if (links.size() > LINKS_MAX || links.stream().anyMatch(u -> u.length() > LINK_MAX || !LINK.matcher(u).matches())) {
            out.add(new FieldError("links", "cases.error.links", LINKS_MAX, LINK_MAX));
        }
        if (image != null) {
            if (image.data().length > IMAGE_MAX_BYTES) {
                out.add(new FieldError("image", "cases.error.imageSize", IMAGE_MAX_BYTES / (1024 * 1024)));
            } else if (image.contentType() == null) {
                out.add(new FieldError("image", "cases.error.imageType"));
            }
            if (image.alt().isEmpty()) {
                out.add(new FieldError("image_alt", "cases.error.alt"));
            } else {
                line(out, l, "image_alt", image.alt(), 1, ALT_MAX);
            }
        }
        return out;
    }

    /** The type an image's bytes are, by their first bytes (never by the name or type a browser sends): or null. */
    public static String imageType(byte[] data) {
        if (data.length >= 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G'
                && data[4] == 0x0D && data[5] == 0x0A && data[6] == 0x1A && data[7] == 0x0A) {
            return "image/png";
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }

    /** Tags as typed (separated by commas), trimmed, without repeats. */
    public static List<String> tags(String typed) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String t : typed.split(",")) {
            String tag = t.strip().replaceAll("\\s+", " ");
            if (!tag.isEmpty() && seen.add(tag.toLowerCase(Locale.ROOT))) {
                out.add(tag);
            }
        }
        return out;
    }

    /** Non-empty lines, trimmed. */
    public static List<String> lines(String typed) {
        return typed.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> codes(List<Classification> all, Classification.Kind kind) {
        return Classification.of(all, kind).stream().map(Classification::code).toList();
    }

    private static void choice(List<FieldError> out, Language l, String field, String value, List<String> allowed) {
        if (value.isEmpty()) {
            out.add(new FieldError(field, "cases.error.required", l.t("cases.field." + field)));
        } else if (!allowed.contains(value)) {
            out.add(new FieldError(field, "cases.error.choice", l.t("cases.field." + field)));
        }
    }

    /** A text of one line. */
    private static void line(List<FieldError> out, Language l, String field, String value, int min, int max) {
        if (value.indexOf('\n') >= 0) {
            out.add(new FieldError(field, "cases.error.oneLine", l.t("cases.field." + field)));
            return;
        }
        text(out, l, field, value, min, max);
    }

    /** A text of some lines, required when {@code min > 0}. */
    private static void text(List<FieldError> out, Language l, String field, String value, int min, int max) {
        String name = l.t("cases.field." + field);
        if (min > 0 && value.isBlank()) {
            out.add(new FieldError(field, "cases.error.required", name));
        } else if (value.length() > max) {
            out.add(new FieldError(field, "cases.error.tooLong", name, max, value.length()));
        } else if (value.length() < min) {
            out.add(new FieldError(field, "cases.error.tooShort", name, min));
        } else {
            plain(out, l, field, value, false);
        }
    }

    private static void plain(List<FieldError> out, Language l, String field, String value, boolean multiline) {
        if (MARKUP.matcher(value).find()) {
            out.add(new FieldError(field, "cases.error.markup", l.t("cases.field." + field)));
        } else if (CONTROL.matcher(value).find()) {
            out.add(new FieldError(field, "cases.error.control", l.t("cases.field." + field)));
        }
    }
}

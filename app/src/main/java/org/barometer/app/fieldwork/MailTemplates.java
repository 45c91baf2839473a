package org.barometer.app.fieldwork;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail texts in Danish and English, kept as resource files ({@code mail/<kind>_<lang>.txt}: a first line
 * {@code Subject: …}, then the body) with merge fields in braces: {@code {workplace_name}}, {@code {manager_name}},
 * {@code {link}}, {@code {deadline}}, {@code {optout_link}}. An unknown field in a template is an error, so a
 * misspelt field is never mailed out literally.
 */
public final class MailTemplates {
    /** The merge fields a template may use. */
    public static final Set<String> FIELDS = Set.of("workplace_name", "manager_name", "link", "deadline", "optout_link");
    private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)}");

    /** What a template produces for one recipient. */
    public record Mail(String subject, String body) {}

    /** Mail kinds. */
    public enum Kind { INVITATION, REMINDER }

    private MailTemplates() {}

    /** Merges one recipient's values into the template of the given kind and language (da or en; others fall back to da). */
    public static Mail render(Kind kind, String language, Map<String, String> values) {
        String lang = "en".equals(language) ? "en" : "da";
        String name = "mail/" + kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + lang + ".txt";
        String text = load(name);
        int newline = text.indexOf('\n');
        if (!text.startsWith("Subject: ") || newline < 0) {
            throw new IllegalStateException("mail template " + name + ": the first line must be 'Subject: …'");
        }
        // A subject must stay on one line: line breaks in merged values would let a value add mail headers.
        String subject = merge(name, text.substring("Subject: ".length(), newline), values).replaceAll("[\\r\\n\\t]+", " ").strip();
        String body = merge(name, text.substring(newline + 1), values);
        return new Mail(subject, body);
    }

    private static String merge(String template, String text, Map<String, String> values) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String field = m.group(1);
            if (!FIELDS.contains(field)) {
                throw new IllegalStateException("mail template " + template + ": unknown merge field {" + field + "}");
            }
            String value = values.get(field);
            if (value == null) {
                throw new IllegalArgumentException("mail template " + template + ": no value for merge field {" + field + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String load(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("mail template missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.barometer.app.fieldwork;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTexts;

/**
 * The mails of an edition, written from its texts ({@link SurveyTexts}: its own, or the neutral defaults) in the
 * recipient's language, with the merge fields of {@link SurveyText#MERGE_FIELDS} in braces filled in. The survey's
 * title, sender and contact come from the same texts. A merge field without a value is an error, so a field is
 * never mailed out literally; the texts page refuses unknown fields before they are stored.
 */
public final class MailTemplates {
    private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)}");

    /** What a template produces for one recipient. */
    public record Mail(String subject, String body) {}

    /** Mail kinds, each with its subject and body text. */
    public enum Kind {
        INVITATION(SurveyText.INVITATION_SUBJECT, SurveyText.INVITATION_BODY),
        REMINDER(SurveyText.REMINDER_SUBJECT, SurveyText.REMINDER_BODY);

        final SurveyText subject;
        final SurveyText body;

        Kind(SurveyText subject, SurveyText body) {
            this.subject = subject;
            this.body = body;
        }
    }

    private MailTemplates() {}

    /**
     * Merges one recipient's values (workplace_name, manager_name, link, optout_link, deadline) into the edition's
     * mail of the given kind in a language of the edition.
     */
    public static Mail render(Kind kind, String language, Map<String, String> recipient, SurveyTexts texts) {
        Map<String, String> values = new HashMap<>(recipient);
        values.put("survey_title", texts.get(SurveyText.TITLE, language));
        values.put("sender", texts.get(SurveyText.SENDER, language));
        values.put("contact", texts.get(SurveyText.CONTACT, language));
        String name = kind.name().toLowerCase(Locale.ROOT) + " (" + language + ")";
        // A subject must stay on one line: line breaks in merged values would let a value add mail headers.
        String subject = merge(name, texts.get(kind.subject, language), values).replaceAll("[\\r\\n\\t]+", " ").strip();
        String body = merge(name, texts.get(kind.body, language), values);
        return new Mail(subject, body);
    }

    private static String merge(String template, String text, Map<String, String> values) {
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("mail " + template + ": no value for merge field {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package org.barometer.app.edition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts an edition speaks to its respondents with, each in every language of the edition: what the survey is
 * called and who sends it, its invitation and reminder mails, its thank-you page. An office sets its own; the ones
 * it leaves empty are the product's neutral defaults (bundle keys {@code texts.default.<code>}).
 */
public enum SurveyText {
    TITLE("title", false, false),
    DESCRIPTION("description", true, false),
    SENDER("sender", false, false),
    CONTACT("contact", false, false),
    INVITATION_SUBJECT("invitation.subject", false, true),
    INVITATION_BODY("invitation.body", true, true),
    REMINDER_SUBJECT("reminder.subject", false, true),
    REMINDER_BODY("reminder.body", true, true),
    THANKS("thanks", true, false),
    /** The offer on the last page to tell of an innovation as a case; empty (the default): no offer. */
    CASE_OFFER("case.offer", true, false);

    /** The merge fields a mail text may use, in braces: {@code {workplace_name}}. */
    public static final Set<String> MERGE_FIELDS = Set.of("workplace_name", "manager_name", "link", "deadline",
            "optout_link", "survey_title", "sender", "contact");
    /** The longest text an edition may store, in characters. */
    public static final int MAX_LENGTH = 10_000;
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_]+)}");

    private final String code;
    private final boolean multiline;
    private final boolean mail;

    SurveyText(String code, boolean multiline, boolean mail) {
        this.code = code;
        this.multiline = multiline;
        this.mail = mail;
    }

    /** Its name in the database, the form and the bundle. */
    public String code() {
        return code;
    }

    /** Whether it is a body of several lines (a text area) rather than one line. */
    public boolean multiline() {
        return multiline;
    }

    /** Whether it is part of a mail, and so may use the merge fields. */
    public boolean mail() {
        return mail;
    }

    /** The form field that carries it in a language. */
    public String field(String language) {
        return code.replace('.', '_') + "_" + language;
    }

    public static Optional<SurveyText> ofCode(String code) {
        for (SurveyText t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a text for this slot, as text keys with their argument: too long, a line break in a
     * one-line text, a merge field that does not exist (or any merge field outside a mail). Empty when it is fine.
     */
    public List<Problem> problems(String text) {
        List<Problem> out = new ArrayList<>();
        if (text.length() > MAX_LENGTH) {
            out.add(new Problem("texts.error.length", String.valueOf(MAX_LENGTH)));
        }
        if (!multiline && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
            out.add(new Problem("texts.error.oneLine", ""));
        }
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            String field = m.group(1);
            if (!mail) {
                out.add(new Problem("texts.error.noFields", "{" + field + "}"));
                break;
            }
            if (!MERGE_FIELDS.contains(field.toLowerCase(Locale.ROOT)) || !field.equals(field.toLowerCase(Locale.ROOT))) {
                out.add(new Problem("texts.error.field", "{" + field + "}"));
            }
        }
        return out;
    }

    /** One problem of a text: its key and the one argument it names. */
    public record Problem(String key, String argument) {}
}

package org.barometer.forms.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text for a person, carried as a message key and its arguments, so that it can be shown in the language of
 * whoever reads it: a problem found in a questionnaire, a refused expression, a rule an answer breaks. The texts
 * themselves are in this module's bundles ({@code org/barometer/forms/i18n/forms_en.properties} and
 * {@code _da}); {@link #render(String)} fills them in through {@link FormTexts}.
 *
 * <p>An argument is a name, a piece of source text or a number, shown as it is, or another {@code FormText},
 * rendered in the same language (a syntax error inside a problem of a spreadsheet cell).
 *
 * @param key       the message key, e.g. {@code xlsform.duplicate_name}
 * @param arguments the values of the placeholders {@code {0}}, {@code {1}}, … in order
 */
public record FormText(String key, List<Object> arguments) {

    /** The key of a text that is already worded (by the server, in its reader's language): {@code text={0}}. */
    public static final String LITERAL = "text";

    public FormText {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments); // rejects null arguments: every placeholder has a value
    }

    /** A text from its key and arguments. */
    public static FormText of(String key, Object... arguments) {
        return new FormText(key, Arrays.asList(arguments));
    }

    /** A text already worded, shown the same in every language. */
    public static FormText literal(String text) {
        return of(LITERAL, Objects.requireNonNull(text, "text"));
    }

    /** The text in a language: {@code da}, {@code en}, or a form language such as {@code Dansk (da)}. */
    public String render(String language) {
        return FormTexts.render(this, language);
    }

    /** The English text, as the command line shows it. */
    @Override
    public String toString() {
        return render(FormTexts.ENGLISH);
    }
}

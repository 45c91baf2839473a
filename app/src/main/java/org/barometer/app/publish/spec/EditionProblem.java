package org.barometer.app.publish.spec;

import java.util.Arrays;
import java.util.List;
import org.barometer.app.text.Language;
import org.barometer.app.text.Message;
import org.barometer.forms.i18n.FormText;

/**
 * One problem found in an edition's files, with its place: the file (relative to the edition folder), the JSON
 * path within it ({@code items[2].expression}) and, for expressions, the 0-based character position; what is wrong
 * is a text key with its arguments, so that the problem reads in the language of whoever sees it.
 *
 * @param key  the text key of what is wrong ({@code edition.problem.…} and a few of the portal's)
 * @param args the key's arguments, kept as text (numbers as written, without digit grouping)
 */
public record EditionProblem(String file, String place, int position, String key, List<Object> args) {

    public EditionProblem {
        // numbers as written (1000, not 1,000), a missing argument as nothing; the questionnaire library's own
        // texts (an expression's problem) stay texts, to be read in the language of the page
        args = args.stream().map(a -> a instanceof FormText || a instanceof Message ? a
                : (Object) java.util.Objects.toString(a, "")).toList();
    }

    public EditionProblem(String file, String place, int position, String key, Object... args) {
        this(file, place, position, key, Arrays.asList(args));
    }

    /** A problem without a character position. */
    public static EditionProblem at(String file, String place, String key, Object... args) {
        return new EditionProblem(file, place, -1, key, Arrays.asList(args));
    }

    /** What is wrong, in a language. */
    public String message(Language language) {
        return language.t(key, args.stream().map(a -> a instanceof FormText t ? t.render(language.code())
                : a instanceof Message m ? m.in(language) : a).toArray());
    }

    /** What is wrong, in English (for logs). */
    public String message() {
        return message(Language.of("en"));
    }

    /** The whole problem with its place, in a language: "figures/fig01.json: items[2] (character 5): …". */
    public String describe(Language language) {
        return file + (place.isEmpty() ? "" : ": " + place)
                + (position >= 0 ? " (" + language.t("edition.problem.character", position + 1) + ")" : "") + ": "
                + message(language);
    }

    /**
     * The whole problem with its place as a message to keep and write out later (a job's log); the questionnaire
     * library's texts in it are kept in English.
     */
    public Message asMessage() {
        Message what = new Message(key, args.stream().map(a -> a instanceof FormText t ? (Object) t.toString() : a).toList());
        return Message.of("edition.problem.line", file, place.isEmpty() ? "" : ": " + place,
                position >= 0 ? Message.of("edition.problem.atCharacter", Message.of("edition.problem.character", position + 1))
                        : "", what);
    }

    /** The whole problem with its place, in English (job logs, tests). */
    @Override
    public String toString() {
        return describe(Language.of("en"));
    }
}

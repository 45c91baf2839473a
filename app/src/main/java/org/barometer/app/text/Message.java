package org.barometer.app.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Something to tell a person, as a text key and its arguments, written out only when it is shown, in the language of
 * whoever reads it. An argument that is itself a message is written out in the same language; other arguments are
 * kept as text (numbers as written, without digit grouping).
 */
public record Message(String key, List<Object> args) {

    public Message {
        Objects.requireNonNull(key, "key");
        args = args.stream().map(a -> a instanceof Message m ? m : (Object) Objects.toString(a, "")).toList();
    }

    public static Message of(String key, Object... args) {
        return new Message(key, Arrays.asList(args));
    }

    /** The message in a language. */
    public String in(Language language) {
        return language.t(key, args.stream().map(a -> a instanceof Message m ? m.in(language) : a).toArray());
    }

    /** The message in English (for logs and exceptions). */
    @Override
    public String toString() {
        return in(Language.of("en"));
    }
}

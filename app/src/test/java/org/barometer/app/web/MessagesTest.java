package org.barometer.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import org.barometer.app.text.Texts;
class MessagesTest {
    final Texts messages = Texts.bundled();

    @Test
    void danishAndEnglishHaveTheSameKeys() {
        assertThat(new TreeSet<>(messages.keys("da"))).isEqualTo(new TreeSet<>(messages.keys("en")));
    }

    @Test
    void everyKeyATemplateNamesLiterallyExists() throws IOException {
        Pattern literal = Pattern.compile("page\\.t\\(\"([a-zA-Z0-9_.]+)\"");
        List<String> missing = new ArrayList<>();
        Path root = Path.of("src/main/jte");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    if (key.endsWith(".")) {
                        continue; // a prefix completed at run time
                    }
                    for (String lang : Texts.LANGUAGES) {
                        if (!messages.has(lang, key)) {
                            missing.add(root.relativize(file) + ": " + key + " (" + lang + ")");
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void argumentsAreFormattedAndMissingKeysShow() {
        assertThat(messages.get("en", "dashboard.welcome", "Ada")).isEqualTo("Welcome, Ada.");
        assertThat(messages.get("da", "dashboard.welcome", "Ada")).isEqualTo("Velkommen, Ada.");
        assertThat(messages.get("en", "no.such.key")).isEqualTo("??no.such.key??");
        assertThat(Texts.supported("fr")).isEqualTo("da");
    }
}

package org.barometer.app.respond;

import java.util.List;

/**
 * The "check your answers" page: the answers page by page, each with a link to change it, and what is missing.
 */
public record CheckView(String token, List<Section> sections, List<Missing> missing) {
    public CheckView {
        sections = List.copyOf(sections);
        missing = List.copyOf(missing);
    }

    /** The answers of one page. */
    public record Section(String title, String changeUrl, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    /** One question and its answer as shown. */
    public record Row(String question, String answer, String changeUrl) {}

    /** A question that still needs an answer (or a correction), with the page to fix it on. */
    public record Missing(String question, String message, String url) {}

    public boolean complete() {
        return missing.isEmpty();
    }
}

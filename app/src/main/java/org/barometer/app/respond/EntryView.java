package org.barometer.app.respond;

import java.util.List;

/**
 * One thing on a questionnaire page as the template draws it, made from the answer engine's page content: a
 * question, a section (a group inside the page), a grid of questions that share one list, or a repeat with its
 * instances.
 */
public sealed interface EntryView permits EntryView.FieldEntry, EntryView.SectionEntry, EntryView.GridEntry,
        EntryView.RepeatEntry {

    /** What the page's script compares to tell which blocks changed: the block's id … */
    String block();

    /** … and the answer keys of the fields in it, separated by spaces. */
    default String fieldKeys() {
        return switch (this) {
            case FieldEntry f -> f.question().name();
            case SectionEntry s -> join(s.entries());
            case GridEntry g -> String.join(" ", g.rows().stream().map(QuestionView::name).toList());
            case RepeatEntry r -> String.join(" ", r.instances().stream().map(i -> join(i.entries())).toList());
        };
    }

    /** Whether it holds a button that adds or removes an instance of a repeat. */
    default boolean hasInstanceButtons() {
        return switch (this) {
            case FieldEntry f -> false;
            case SectionEntry s -> s.entries().stream().anyMatch(EntryView::hasInstanceButtons);
            case GridEntry g -> false;
            case RepeatEntry r -> r.addKey() != null || r.instances().stream()
                    .anyMatch(i -> i.removeKey() != null || i.entries().stream().anyMatch(EntryView::hasInstanceButtons));
        };
    }

    private static String join(java.util.List<EntryView> entries) {
        return String.join(" ", entries.stream().map(EntryView::fieldKeys).filter(k -> !k.isEmpty()).toList());
    }

    /** A question. */
    record FieldEntry(QuestionView question) implements EntryView {
        @Override
        public String block() {
            return question.name();
        }
    }

    /** A group inside the page, with its heading. */
    record SectionEntry(String block, String title, List<EntryView> entries) implements EntryView {
        public SectionEntry {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Questions that share one list, drawn as a grid: on a wide screen the list's choices are the columns (their
     * labels shown once, above), on a narrow one each row is a fieldset with its choices labelled.
     *
     * @param columns the choices' labels, in order
     * @param rows    one question each, its options in the columns' order
     */
    record GridEntry(String block, String title, List<String> columns, List<QuestionView> rows) implements EntryView {
        public GridEntry {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A repeat: its instances, and for one the respondent counts ("add another") the buttons that add one and
     * remove each.
     *
     * @param addKey what the add button sends (the repeat's count key), null when the form sets the count
     */
    record RepeatEntry(String block, String title, List<Instance> instances, String addKey) implements EntryView {
        public RepeatEntry {
            instances = List.copyOf(instances);
        }
    }

    /**
     * One instance of a repeat.
     *
     * @param legend    what the instance is called ("Site 2", or the choice a loop is about)
     * @param removeKey what its remove button sends (the instance's key), null when it cannot be removed
     */
    record Instance(String legend, List<EntryView> entries, String removeKey) {
        public Instance {
            entries = List.copyOf(entries);
        }
    }
}

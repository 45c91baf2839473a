package org.barometer.forms.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A questionnaire: settings, the tree of groups and questions, and the choice lists. Immutable; read from an
 * XLSForm by {@code XlsFormReader}, written back by {@code XlsFormWriter}, and to and from JSON by {@link FormJson}.
 *
 * @param languages             the languages of the form's texts, in the order their columns first appear
 *                              ({@code ""} stands for texts without a language suffix)
 * @param defaultLanguage       the {@code default_language} setting, or null
 * @param allowChoiceDuplicates the {@code allow_choice_duplicates} setting
 */
public record Form(
        String id,
        String title,
        String version,
        String defaultLanguage,
        List<String> languages,
        List<Item> items,
        Map<String, ChoiceList> choiceLists,
        boolean allowChoiceDuplicates) {

    public Form {
        java.util.Objects.requireNonNull(id, "a form needs 'id'");
        java.util.Objects.requireNonNull(title, "a form needs 'title'");
        java.util.Objects.requireNonNull(languages, "a form needs 'languages'");
        java.util.Objects.requireNonNull(items, "a form needs 'items'");
        java.util.Objects.requireNonNull(choiceLists, "a form needs 'choiceLists'");
        languages = List.copyOf(languages);
        items = List.copyOf(items);
        choiceLists = Collections.unmodifiableMap(new LinkedHashMap<>(choiceLists));
    }

    /** Every question (not group) in document order, including those inside groups and repeats. */
    public List<Question> questions() {
        List<Question> out = new ArrayList<>();
        collectQuestions(items, out);
        return out;
    }

    private static void collectQuestions(List<Item> items, List<Question> out) {
        for (Item item : items) {
            switch (item) {
                case Question q -> out.add(q);
                case Group g -> collectQuestions(g.items(), out);
                case Repeat r -> collectQuestions(r.items(), out);
            }
        }
    }

    /** Every repeat in document order, nested ones after the one they are in. */
    public List<Repeat> repeats() {
        List<Repeat> out = new ArrayList<>();
        collectRepeats(items, out);
        return out;
    }

    private static void collectRepeats(List<Item> items, List<Repeat> out) {
        for (Item item : items) {
            switch (item) {
                case Question q -> { }
                case Group g -> collectRepeats(g.items(), out);
                case Repeat r -> {
                    out.add(r);
                    collectRepeats(r.items(), out);
                }
            }
        }
    }

    /** The repeat with this name. */
    public Optional<Repeat> repeat(String name) {
        return repeats().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The repeats a question, group or repeat is in, outermost first (a repeat is not in itself); empty for an item
     * outside every repeat or a name that is no item.
     */
    public List<String> repeatsAround(String name) {
        List<String> path = new ArrayList<>();
        return find(items, name, path) ? List.copyOf(path) : List.of();
    }

    private static boolean find(List<Item> items, String name, List<String> path) {
        for (Item item : items) {
            if (item.name().equals(name)) {
                return true;
            }
            List<Item> children = switch (item) {
                case Question q -> List.of();
                case Group g -> g.items();
                case Repeat r -> r.items();
            };
            if (item instanceof Repeat) {
                path.add(item.name());
            }
            if (find(children, name, path)) {
                return true;
            }
            if (item instanceof Repeat) {
                path.removeLast();
            }
        }
        return false;
    }

    /** The file names of every picture the form shows, with labels and with choices. */
    public java.util.Set<String> mediaFiles() {
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        for (Question q : questions()) {
            files.addAll(q.media().files());
        }
        for (ChoiceList list : choiceLists.values()) {
            for (Choice c : list.choices()) {
                files.addAll(c.media().files());
            }
        }
        return files;
    }

    /** The question with this name. */
    public Optional<Question> question(String name) {
        return questions().stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** The choice list of a select question. */
    public Optional<ChoiceList> choiceList(String listName) {
        return Optional.ofNullable(listName == null ? null : choiceLists.get(listName));
    }

    /**
     * The form language matching what a user asked for: the exact language name, or a name whose code in
     * parentheses matches ({@code "da"} finds {@code "Dansk (da)"}), or one starting with it (case-insensitive).
     * Null asks for the default language.
     */
    public Optional<String> resolveLanguage(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.ofNullable(defaultLanguage != null ? defaultLanguage
                    : languages.isEmpty() ? null : languages.getFirst());
        }
        String wanted = requested.trim().toLowerCase(Locale.ROOT);
        for (String language : languages) {
            if (language.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(language);
            }
        }
        for (String language : languages) {
            String lower = language.toLowerCase(Locale.ROOT);
            if (lower.endsWith("(" + wanted + ")")) {
                return Optional.of(language);
            }
        }
        for (String language : languages) {
            if (!language.isEmpty() && language.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}

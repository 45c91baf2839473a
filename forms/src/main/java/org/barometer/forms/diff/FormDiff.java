package org.barometer.forms.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Question;

/**
 * What a new version of a questionnaire changes against the one before, question by question: added, removed,
 * probably renamed (a question removed and one added with the same type and label), its type, its routing
 * ({@code relevant}), its label, and the choices of its list (removed or added values). A removed question or
 * choice is what can orphan answers already stored.
 */
public record FormDiff(List<Change> changes) {

    /** How a question changed. */
    public enum Kind { ADDED, REMOVED, RENAMED, TYPE, ROUTING, LABEL, CHOICES_REMOVED, CHOICES_ADDED }

    /**
     * One change: its kind, the question's name (in the earlier version, or the new one when added), and the
     * detail: the new name (renamed), the types or routings before and after, or the choice values.
     */
    public record Change(Kind kind, String question, String detail) {}

    public FormDiff {
        changes = List.copyOf(changes);
    }

    public boolean empty() {
        return changes.isEmpty();
    }

    /** The questions the new version no longer has (renamed ones included: their answers need mapping). */
    public List<String> removedQuestions() {
        return changes.stream().filter(c -> c.kind() == Kind.REMOVED || c.kind() == Kind.RENAMED)
                .map(Change::question).toList();
    }

    /** The earlier version's question name → the new name it was probably renamed to. */
    public Map<String, String> probableRenames() {
        Map<String, String> out = new LinkedHashMap<>();
        changes.stream().filter(c -> c.kind() == Kind.RENAMED).forEach(c -> out.put(c.question(), c.detail()));
        return out;
    }

    /** The choice values each question's list lost. */
    public Map<String, Set<String>> removedChoices() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.kind() == Kind.CHOICES_REMOVED) {
                out.put(c.question(), new LinkedHashSet<>(List.of(c.detail().split(", "))));
            }
        }
        return out;
    }

    /** The changes from {@code before} to {@code after}, in the order of their questions. */
    public static FormDiff of(Form before, Form after) {
        Map<String, Question> old = byName(before);
        Map<String, Question> now = byName(after);
        List<Change> changes = new ArrayList<>();
        List<Question> added = now.values().stream().filter(q -> !old.containsKey(q.name())).toList();
        Set<String> claimed = new java.util.HashSet<>();
        for (Question q : old.values()) {
            Question n = now.get(q.name());
            if (n == null) {
                Question renamed = added.stream().filter(a -> !claimed.contains(a.name()) && a.type() == q.type()
                        && Objects.equals(a.label(), q.label())).findFirst().orElse(null);
                if (renamed != null) {
                    claimed.add(renamed.name());
                    changes.add(new Change(Kind.RENAMED, q.name(), renamed.name()));
                } else {
                    changes.add(new Change(Kind.REMOVED, q.name(), ""));
                }
                continue;
            }
            if (n.type() != q.type()) {
                changes.add(new Change(Kind.TYPE, q.name(), q.type().xlsFormName() + " → " + n.type().xlsFormName()));
            }
            if (!Objects.equals(blank(q.relevant()), blank(n.relevant()))) {
                changes.add(new Change(Kind.ROUTING, q.name(), blank(q.relevant()) + " → " + blank(n.relevant())));
            }
            if (!Objects.equals(q.label(), n.label())) {
                changes.add(new Change(Kind.LABEL, q.name(), ""));
            }
            Set<String> was = choices(before, q);
            Set<String> is = choices(after, n);
            Set<String> lost = new LinkedHashSet<>(was);
            lost.removeAll(is);
            Set<String> gained = new LinkedHashSet<>(is);
            gained.removeAll(was);
            if (!lost.isEmpty()) {
                changes.add(new Change(Kind.CHOICES_REMOVED, q.name(), String.join(", ", lost)));
            }
            if (!gained.isEmpty()) {
                changes.add(new Change(Kind.CHOICES_ADDED, q.name(), String.join(", ", gained)));
            }
        }
        for (Question a : added) {
            if (!claimed.contains(a.name())) {
                changes.add(new Change(Kind.ADDED, a.name(), ""));
            }
        }
        return new FormDiff(changes);
    }

    private static Map<String, Question> byName(Form form) {
        Map<String, Question> out = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            out.put(q.name(), q);
        }
        return out;
    }

    private static Set<String> choices(Form form, Question q) {
        Set<String> out = new LinkedHashSet<>();
        if (q.listName() != null && !q.listName().isBlank()) {
            form.choiceList(q.listName()).ifPresent(l -> {
                for (Choice c : l.choices()) {
                    out.add(c.name());
                }
            });
        }
        return out;
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }
}

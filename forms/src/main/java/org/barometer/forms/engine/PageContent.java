package org.barometer.forms.engine;

import java.util.List;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.Repeat;

/**
 * What a page shows for a set of answers: its relevant fields in form order, with the sections (groups inside the
 * page), grids and repeats they are in. Every field carries its answer key, so a page with a repeat shows one
 * field per instance, each saved under its own key ({@code site_size[2]}). Calculations, hidden values and
 * metadata are not shown; a repeat the respondent counts is shown (with its instances) even when it has none, so
 * that one can be added.
 */
public record PageContent(int page, List<Entry> entries) {
    public PageContent {
        entries = List.copyOf(entries);
    }

    /** One thing on a page. */
    public sealed interface Entry permits Field, Section, Grid, RepeatBlock {}

    /**
     * A question to answer.
     *
     * @param key      the answer key: the question's name, with the instance inside repeats
     * @param instance the instance path (1-based, outermost repeat first), empty outside repeats
     */
    public record Field(Question question, String key, List<Integer> instance) implements Entry {
        public Field {
            instance = List.copyOf(instance);
        }
    }

    /** A group inside the page, shown as a fieldset with its label. */
    public record Section(Group group, List<Integer> instance, List<Entry> entries) implements Entry {
        public Section {
            instance = List.copyOf(instance);
            entries = List.copyOf(entries);
        }
    }

    /**
     * Select questions that share one list, shown as a grid with the list's choices as columns: a
     * {@code table-list} group ({@code group} set), or a run of consecutive {@code likert} questions ({@code group}
     * null). On a narrow screen each row becomes a fieldset of its own.
     */
    public record Grid(Group group, String listName, List<Field> rows) implements Entry {
        public Grid {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A repeat on the page with its instances.
     *
     * @param outer            the instance of the repeats around it (empty for a repeat outside others)
     * @param respondentCounts whether the respondent adds and removes instances ("add another")
     * @param countKey         the answer key that holds the number of instances, for a respondent-counted repeat
     */
    public record RepeatBlock(Repeat repeat, List<Integer> outer, boolean respondentCounts, String countKey,
                              List<Instance> instances) implements Entry {
        public RepeatBlock {
            outer = List.copyOf(outer);
            instances = List.copyOf(instances);
        }
    }

    /**
     * One instance of a repeat.
     *
     * @param index  the 1-based instance number
     * @param choice for a loop over a list, the choice this instance is about, else null
     */
    public record Instance(int index, Choice choice, List<Entry> entries) {
        public Instance {
            entries = List.copyOf(entries);
        }
    }

    /** Every field on the page, in order, inside sections, grids and repeats too. */
    public List<Field> fields() {
        List<Field> out = new java.util.ArrayList<>();
        collect(entries, out);
        return out;
    }

    private static void collect(List<Entry> entries, List<Field> out) {
        for (Entry e : entries) {
            switch (e) {
                case Field f -> out.add(f);
                case Section s -> collect(s.entries(), out);
                case Grid g -> out.addAll(g.rows());
                case RepeatBlock r -> r.instances().forEach(i -> collect(i.entries(), out));
            }
        }
    }
}

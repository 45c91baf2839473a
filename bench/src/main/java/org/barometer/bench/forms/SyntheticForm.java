package org.barometer.bench.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.forms.model.Choice;
import org.barometer.forms.model.ChoiceList;
import org.barometer.forms.model.Form;
import org.barometer.forms.model.Group;
import org.barometer.forms.model.Item;
import org.barometer.forms.model.Question;
import org.barometer.forms.model.QuestionType;
import org.barometer.forms.model.Text;

/**
 * A generated questionnaire shaped like a real one: pages of ten questions in two languages, cycling through
 * select_one, integer, select_multiple and text; almost every question has a routing condition on an earlier
 * one, integers and multiple choices have constraints, everything is required, and each page ends with a
 * calculation. {@link #answers} answers every question so that all are relevant.
 */
final class SyntheticForm {
    static final String EN = "English (en)";
    static final String DA = "Dansk (da)";

    private SyntheticForm() {}

    static Text text(String en, String da) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EN, en);
        m.put(DA, da);
        return new Text(m);
    }

    static Form of(int questions, int perPage) {
        List<Item> pages = new ArrayList<>();
        List<Item> page = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            page.add(question(i));
            if (page.size() == perPage || i == questions - 1) {
                int p = pages.size();
                page.add(new Question("c" + p, QuestionType.CALCULATE, null, false, null, null, null, null, null,
                        null, null, "${q" + (i - i % 4 + 1 > i ? i - 3 : i - i % 4 + 1) + "} + " + p, null, null,
                        null, null));
                pages.add(new Group("page" + p, text("Page " + p, "Side " + p), null, "field-list", page));
                page = new ArrayList<>();
            }
        }
        Map<String, ChoiceList> lists = new LinkedHashMap<>();
        lists.put("yn", new ChoiceList("yn", List.of(
                new Choice("yes", text("Yes", "Ja"), Map.of()), new Choice("no", text("No", "Nej"), Map.of()),
                new Choice("dont_know", text("Don't know", "Ved ikke"), Map.of()))));
        lists.put("abc", new ChoiceList("abc", List.of(
                new Choice("a", text("Alpha", "Alfa"), Map.of()), new Choice("b", text("Beta", "Beta"), Map.of()),
                new Choice("c", text("Gamma", "Gamma"), Map.of()))));
        return new Form("synthetic" + questions, "Synthetic " + questions, "1", EN, List.of(EN, DA), pages, lists,
                false);
    }

    private static Question question(int i) {
        String name = "q" + i;
        Text label = text("Question " + i + " in English", "Spørgsmål " + i + " på dansk");
        Text message = text("Not allowed", "Ikke tilladt");
        return switch (i % 4) {
            case 0 -> new Question(name, QuestionType.SELECT_ONE, "yn", false, label, null, "true()", null,
                    i < 4 ? null : "${q" + (i - 4) + "} != 'no'", null, null, null, null, null, null, null);
            case 1 -> new Question(name, QuestionType.INTEGER, null, false, label, null, "true()", null,
                    "${q" + (i - 1) + "} = 'yes'", ". >= 0 and . <= 100", message, null, null, null, null, null);
            case 2 -> new Question(name, QuestionType.SELECT_MULTIPLE, "abc", false, label, null, "true()", null,
                    "${q" + (i - 1) + "} > 10 or ${q" + (i - 2) + "} = 'yes'", "count-selected(.) <= 2", message,
                    null, null, null, null, null);
            default -> new Question(name, QuestionType.TEXT, null, false, label, null, "true()", null,
                    "selected(${q" + (i - 1) + "}, 'a')", null, null, null, null, null, null, null);
        };
    }

    /** An answer to every question, all relevant and valid. */
    static Map<String, String> answers(int questions) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < questions; i++) {
            answers.put("q" + i, switch (i % 4) {
                case 0 -> "yes";
                case 1 -> "42";
                case 2 -> "a b";
                default -> "hello";
            });
        }
        return answers;
    }
}

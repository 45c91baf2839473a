package org.barometer.app.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.portal.PublishedEdition;
import org.barometer.app.publish.compute.Explorer;
import org.barometer.app.publish.compute.ExplorerRefusal;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.EditionSpec;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.app.text.Language;
import org.barometer.app.text.Rounding;

/**
 * A visitor's answers set beside the published shares: for each question of the self-test, every answer with the
 * share of the chosen comparison group and of everyone, each with its 95 % interval, and a sentence that reads the
 * visitor's own answer. The shares are the explorer's own answers to "the question, broken down by the comparison"
 * and "the question" ({@link Explorer#answer}), so they are the very cells {@code /api/explore} serves, protected and
 * suppressed by the same rules; a group or a cell the explorer does not show is not shown here either.
 *
 * @param groupLabel the comparison group's name in the page's language
 * @param population whom "everyone" is, as the edition says it ("the public sector")
 */
public record SelfTestResult(String groupCode, String groupLabel, String population, List<QuestionResult> questions) {

    public SelfTestResult {
        questions = List.copyOf(questions);
    }

    /**
     * A published share as shown: estimate and interval in percent (one decimal), and the estimate as the fraction
     * published.
     */
    public record Share(String estimate, String low, String high, double fraction) {
        public String text(Language m) {
            return m.t("selftest.share", estimate, low, high);
        }
    }

    /** One answer of a question: whether it is the visitor's, and the two shares (each null when not shown). */
    public record Row(String answer, String label, boolean yours, Share group, Share everyone) {}

    /** One question: its wording, the visitor's answer (null when not asked or not answered), its rows, the reading. */
    public record QuestionResult(String name, String label, String yourAnswer, List<Row> rows, String reading) {
        public QuestionResult {
            rows = List.copyOf(rows);
        }
    }

    /** The result of a visitor's answers (by question name) compared with {@code group} of the comparison. */
    public static SelfTestResult of(PublishedEdition edition, String group, Map<String, String> answers, Language m) {
        EditionSpec.SelfTest test = edition.spec().selfTest();
        String groupLabel = SelfTestPages.groupLabel(edition.spec(), group, m);
        String population = edition.spec().portal().population().in(m.locale());
        List<QuestionResult> out = new ArrayList<>();
        for (String q : test.questions()) {
            FigureResult byGroup = figure(edition, q, test.comparison());
            FigureResult all = figure(edition, q, null);
            FigureSpec spec = all != null ? all.spec() : byGroup != null ? byGroup.spec() : null;
            String answer = answers.get(q);
            List<Row> rows = new ArrayList<>();
            String yourLabel = null;
            Share yourGroup = null;
            Share yourAll = null;
            for (FigureSpec.Item item : spec == null ? List.<FigureSpec.Item>of() : spec.items()) {
                Share g = share(byGroup, group, item.id(), m);
                Share a = share(all, "all", item.id(), m);
                boolean yours = item.id().equals(answer);
                String label = item.label().in(m.locale());
                rows.add(new Row(item.id(), label, yours, g, a));
                if (yours) {
                    yourLabel = label;
                    yourGroup = g;
                    yourAll = a;
                }
            }
            String questionLabel = spec == null ? q : spec.question().in(m.locale());
            out.add(new QuestionResult(q, questionLabel, yourLabel, rows,
                    reading(m, yourLabel, yourGroup, yourAll, groupLabel, population)));
        }
        return new SelfTestResult(group, groupLabel, population, out);
    }

    /** The sentence that reads the visitor's answer against the group's and everyone's shares. */
    private static String reading(Language m, String answer, Share group, Share all, String groupLabel,
                                  String population) {
        if (answer == null) {
            return m.t("selftest.reading.notAnswered");
        }
        String everyone = all == null ? m.t("selftest.reading.everyoneHidden", population)
                : m.t("selftest.reading.everyone", population, all.estimate() + " %");
        if (group == null) {
            return m.t("selftest.reading.groupHidden", answer, groupLabel) + " " + everyone;
        }
        String key = group.fraction() >= 0.5 ? "selftest.reading.like" : "selftest.reading.few";
        return m.t(key, group.estimate() + " %", groupLabel, answer) + " " + everyone;
    }

    /** The explorer's figure of a question (broken down by {@code by}, or not), or null when it refuses it. */
    static FigureResult figure(PublishedEdition edition, String question, String by) {
        try {
            return edition.explorer().answer(question, by, null).figure();
        } catch (ExplorerRefusal refused) {
            return null; // too few to show: the page says so, as the explorer would
        }
    }

    /** A cell as shown, or null when the figure, the series or the cell is not shown. */
    static Share share(FigureResult figure, String series, String item, Language m) {
        if (figure == null) {
            return null;
        }
        FigureResult.Cell c = figure.cell(series, item);
        if (c == null || c.suppressed() || c.estimate() == null) {
            return null;
        }
        return new Share(percent(c.estimate(), m), percent(c.low(), m), percent(c.high(), m), c.estimate());
    }

    /** A share in percent with one decimal, rounded half up as every number of the portal. */
    static String percent(double fraction, Language m) {
        return m.decimal(Rounding.roundHalfUp(fraction * 100.0, 1), 1);
    }
}

package org.barometer.app.publish.spec;

import java.util.List;
import org.barometer.app.analysis.CodedVariable;
import org.barometer.app.analysis.DerivedVariable;
import org.barometer.app.analysis.WeightingSettings;
import org.barometer.forms.expr.Expression;
import org.barometer.forms.model.Form;

import org.barometer.app.text.LocalizedText;
/**
 * A whole edition as declared in its folder: {@code edition.json} (titles, the questionnaire, disclosure
 * threshold, significance level, weighting, derived variables, themes, headline numbers, the list of figure
 * files, the self-test) and one JSON file per figure. Built only by {@link EditionReader}.
 *
 * @param selfTest the edition's self-test, or null when the edition offers none
 * @param coded    the edition's coded open questions, variables {@code coded.<question>} of the final codes (see
 *                 {@link CodedVariable}), those of the questionnaire's questions the files were read with
 */
public record EditionSpec(String id, LocalizedText title, Form form, int minCellCount, double level,
                          WeightingSettings weighting, List<DerivedVariable> derived, List<Theme> themes,
                          List<Headline> headlines, List<FigureSpec> figures, Explorer explorer, Portal portal,
                          SelfTest selfTest, List<CodedVariable> coded) {

    /**
     * How the portal speaks of this statistic ({@code edition.json}'s optional {@code portal} section): the title of
     * its front page (also the subject of the open-data downloads) and the introduction under it. Without them the
     * front page is titled by the edition and introduced by a neutral sentence.
     *
     * @param title      the front page's title, never null (the edition's title when not set)
     * @param lead       the introduction, or null for the neutral one
     * @param population what the weighted shares represent, as captions say it ("weighted to represent …"),
     *                   never null ({@link #DEFAULT_POPULATION} when not set)
     * @param design     the methods page's description of the population and the sample, or null for none
     */
    public record Portal(LocalizedText title, LocalizedText lead, LocalizedText population, LocalizedText design) {}

    /** What shares represent when an edition does not say. */
    public static final LocalizedText DEFAULT_POPULATION = new LocalizedText("populationen", "the population");

    /** The smallest number of respondents a published cell may count when an edition does not set one. */
    public static final int DEFAULT_MIN_COUNT = 5;
    /** The smallest base of an explorer question when an edition does not set one. */
    public static final int DEFAULT_MIN_BASE = 20;

    /**
     * What the public explorer may ask (see docs/confidentiality.md).
     *
     * @param variables the publishable variables: the only ones a visitor may tabulate, break down by or name in a
     *                  filter (categorical questions, calculated groups and derived groups; never free text,
     *                  numbers, dates or paradata)
     * @param filters   the publishable variables a filter may name: variables that classify workplaces as the
     *                  register does (government level, area, size group, region), never answers — a filter that
     *                  may name an answer lets a visitor ask "is this workplace's answer v?" of a set of respondents
     *                  (see docs/confidentiality.md); none unless the edition lists them
     * @param minBase   the fewest respondents (by their protected count) a base or a breakdown group may have
     */
    public record Explorer(List<String> variables, List<String> filters, int minBase) {
        public Explorer {
            variables = List.copyOf(variables);
            filters = List.copyOf(filters);
        }
    }

    /**
     * The self-test an edition offers ({@code edition.json}'s optional {@code selfTest} section): a visitor answers
     * some of the edition's questions and sees the answers beside the published shares of the group they chose to
     * be compared with and of everyone (see docs/self-test.md).
     *
     * @param comparison the publishable variable whose categories are the groups a visitor may be compared with
     * @param questions  the questions asked: select-one questions of the questionnaire that the explorer publishes,
     *                   in the questionnaire's order
     * @param form       the questionnaire of the self-test: those questions (and nothing else) on one page, each
     *                   relevant when it and the groups it sits in are in the edition's questionnaire, so the answer
     *                   engine asks and checks them as it does for respondents
     * @param batch      k: a group's answers are shown to its organiser once k have answered, and then only in whole
     *                   batches of k, never per participant
     * @param groupDays  how many days a group code works
     * @param intro      the start page's introduction, or null for the neutral one
     */
    public record SelfTest(String comparison, List<String> questions, Form form, int batch, int groupDays,
                           LocalizedText intro) {
        public SelfTest {
            questions = List.copyOf(questions);
        }
    }

    public EditionSpec {
        derived = List.copyOf(derived);
        themes = List.copyOf(themes);
        headlines = List.copyOf(headlines);
        figures = List.copyOf(figures);
        coded = List.copyOf(coded);
    }

    /** A theme page. */
    public record Theme(String id, LocalizedText title, LocalizedText intro) {
    }

    /**
     * A headline number of the portal's front page: the weighted share of the respondents in {@code base} for
     * whom {@code condition} holds, followed by {@code text} ("of public workplaces introduced …").
     */
    public record Headline(Expression base, String baseSource, Expression condition, String conditionSource,
                           LocalizedText text) {
    }

    /** The categories of a question or a derived variable of the edition, with their labels; empty when none. */
    public java.util.Map<String, LocalizedText> categories(String variable) {
        for (org.barometer.forms.model.Question q : form.questions()) {
            if (q.name().equals(variable)) {
                return EditionReader.VariableInfo.of(q, form).categories();
            }
        }
        for (DerivedVariable d : derived) {
            if (d.name().equals(variable)) {
                return EditionReader.VariableInfo.of(d).categories();
            }
        }
        return java.util.Map.of();
    }

    public FigureSpec figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}

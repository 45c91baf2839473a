package org.barometer.app.publish.spec;

import java.util.List;
import org.barometer.forms.expr.Expression;

import org.barometer.app.text.LocalizedText;
/**
 * A figure as an edition declares it (one JSON file): what is estimated, of whom, by which groups, how it is
 * drawn and tested. Built only by {@link EditionReader}, which has checked every name and expression.
 *
 * @param file        the file it came from, relative to the edition folder
 * @param id          a stable identifier, used in addresses ({@code /api/figures/{id}})
 * @param number      the figure's number in the publication, or null
 * @param theme       the theme page it belongs to
 * @param title       a short title
 * @param description what the figure shows (the caption's first sentence), or null
 * @param question    the question's wording
 * @param variable    the question or derived variable drawn, or null when the figure is a set of items
 * @param items       what is drawn: categories of the variable, or indicator items (multiple answers)
 * @param excluded    categories kept in the denominator but not drawn
 * @param multiple    whether the items are answers to a multiple-answer question (shares need not add up)
 * @param base        who was asked, as an expression
 * @param baseText    who was asked, in words (completes "The question was asked of …"), or null for everyone
 * @param breakdown   the variable whose groups are compared, or null
 * @param groups      the breakdown's groups in order (empty without breakdown)
 * @param chart       how it is drawn
 * @param negative    for diverging bars: the items drawn to the left
 * @param decimals    decimals shown
 * @param test        which test decides the significance sentence
 */
public record FigureSpec(String file, String id, String number, String theme, LocalizedText title,
                         LocalizedText description, LocalizedText question, String variable, List<Item> items,
                         List<Item> excluded, boolean multiple, Expression base, String baseSource,
                         LocalizedText baseText, String breakdown, List<Item> groups, ChartType chart,
                         List<String> negative, int decimals, TestKind test) {

    public FigureSpec {
        items = List.copyOf(items);
        excluded = List.copyOf(excluded);
        groups = List.copyOf(groups);
        negative = List.copyOf(negative);
    }

    /**
     * One thing drawn (or left out, or one breakdown group): its id, label, and the condition that a
     * respondent has it.
     */
    public record Item(String id, LocalizedText label, Expression condition) {
    }

    /** The chart types. */
    public enum ChartType { BARS, GROUPED_BARS, STACKED, DIVERGING }

    /** The test behind the caption's significance sentence. */
    public enum TestKind { NONE, OVERALL, PER_ITEM }
}

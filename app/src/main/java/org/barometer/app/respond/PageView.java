package org.barometer.app.respond;

import java.util.List;

/**
 * A questionnaire page as the template shows it.
 *
 * @param action       where the page posts to
 * @param questionsUrl where the page's script asks which questions the answers being given make relevant
 * @param saveId       the id of this page save: a resent POST carries it again and is stored once
 * @param shownAt      when the page was drawn (epoch milliseconds), for the time spent on it
 * @param pageNumber   the page's number among the pages this respondent sees (1-based)
 * @param pageCount    how many pages this respondent sees with the answers so far
 * @param canGoBack    whether there is a page (or the answers check) to go back to
 * @param questions    every question the page shows, in page order (instance by instance inside repeats)
 * @param entries      what the page shows as drawn: questions, sections, grids and repeats
 * @param errors       the questions in error, in page order, for the error summary
 * @param appeared     whether the answers just saved brought questions the respondent had not seen onto the page
 */
public record PageView(String title, String action, String questionsUrl, String saveId, long shownAt,
                       int pageNumber, int pageCount, boolean canGoBack, List<QuestionView> questions,
                       List<EntryView> entries, List<QuestionView> errors, boolean appeared) {
    public PageView {
        questions = List.copyOf(questions);
        entries = List.copyOf(entries);
        errors = List.copyOf(errors);
    }

    /**
     * Whether the page has buttons that add or remove a repeat's instance: then a hidden first button makes the
     * Enter key in a field save and continue, as on every other page, rather than press the first of those.
     */
    public boolean hasInstanceButtons() {
        return entries.stream().anyMatch(EntryView::hasInstanceButtons);
    }

    public int percent() {
        return pageCount == 0 ? 0 : Math.round(100f * (pageNumber - 1) / pageCount);
    }

    /**
     * The names of the questions the page shows, for its hidden field: a save tells by them which questions the
     * respondent has seen, and so which newly relevant ones are not yet a mistake to leave empty.
     */
    public String shownNames() {
        return String.join(" ", questions.stream().map(QuestionView::name).toList());
    }
}

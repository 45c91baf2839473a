package org.barometer.app.respond;

import java.util.List;

/**
 * A questionnaire page as the template shows it.
 *
 * @param action     where the page posts to
 * @param saveId     the id of this page save: a resent POST carries it again and is stored once
 * @param shownAt    when the page was drawn (epoch milliseconds), for the time spent on it
 * @param pageNumber the page's number among the pages this respondent sees (1-based)
 * @param pageCount  how many pages this respondent sees with the answers so far
 * @param backUrl    the previous page, or null on the first
 * @param errors     the questions in error, in page order, for the error summary
 */
public record PageView(String title, String action, String saveId, long shownAt, int pageNumber, int pageCount,
                       String backUrl, List<QuestionView> questions, List<QuestionView> errors) {
    public PageView {
        questions = List.copyOf(questions);
        errors = List.copyOf(errors);
    }

    public int percent() {
        return pageCount == 0 ? 0 : Math.round(100f * (pageNumber - 1) / pageCount);
    }
}

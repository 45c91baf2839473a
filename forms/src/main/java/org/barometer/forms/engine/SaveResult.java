package org.barometer.forms.engine;

import java.util.List;
import java.util.Map;

/**
 * The outcome of saving a page.
 *
 * @param accepted   false when the page has violations; then {@code answers} are the answers before the save
 *                   (a draft save is always accepted)
 * @param answers    all answers after the save, with answers that became irrelevant removed
 * @param violations what the respondent must correct on the page: empty when a page save is accepted; for a
 *                   draft save, what is still wrong although the rest was kept
 * @param cleared    names of answers removed because the saved page made them irrelevant, in form order
 */
public record SaveResult(boolean accepted, Map<String, String> answers, List<Violation> violations,
                         List<String> cleared) {
    public SaveResult {
        answers = Map.copyOf(answers);
        violations = List.copyOf(violations);
        cleared = List.copyOf(cleared);
    }
}

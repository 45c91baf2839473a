package org.barometer.forms.engine;

import java.util.List;
import org.barometer.forms.model.Text;

/**
 * One page of a questionnaire: a top-level group (with any groups nested in it), or a top-level question
 * outside any group.
 *
 * @param index     0-based position among the form's pages
 * @param name      the group's (or lone question's) name
 * @param questions names of the questions on the page, in order, calculations included
 */
public record Page(int index, String name, Text label, List<String> questions) {
    public Page {
        questions = List.copyOf(questions);
    }
}

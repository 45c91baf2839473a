package org.barometer.app.edition;

import java.time.LocalDate;
import java.util.List;

/** One edition of the survey. Questionnaire, frame and sample are null until they are set. */
public record Edition(long id, String name, Integer year, Long questionnaireId, LocalDate fieldworkStart,
                      LocalDate fieldworkEnd, List<String> languages, Long frameId, Long sampleId) {

    public Edition {
        languages = List.copyOf(languages);
    }
}

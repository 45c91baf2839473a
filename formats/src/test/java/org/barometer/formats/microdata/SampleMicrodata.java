package org.barometer.formats.microdata;

import java.util.ArrayList;
import java.util.List;
import org.barometer.formats.LocalizedText;

/**
 * A small dataset with everything the writers must carry: a label set shared by two variables, all four missing
 * kinds, names that need renaming, a weight with decimals, and strings of 5, 300 and 3,000 characters (longer than
 * SPSS's 255-byte segments and Stata's 2,045-byte strF), with Danish letters that take two bytes in UTF-8.
 */
final class SampleMicrodata {
    static final ValueLabelSet YES_NO = ValueLabelSet.named("yesno")
            .with(1, LocalizedText.daEn("Ja", "Yes"))
            .with(0, LocalizedText.daEn("Nej", "No"));
    static final ValueLabelSet SIZE = ValueLabelSet.named("størrelse")
            .with(1, LocalizedText.daEn("Lille", "Small"))
            .with(2, LocalizedText.daEn("Mellem", "Medium"))
            .with(3, LocalizedText.daEn("Stor", "Large"));

    /** 300 characters, 2 bytes each for the 'ø's: 350 bytes. */
    static final String MEDIUM = "ø".repeat(50) + "m".repeat(250);
    /** 3,000 characters with multi-byte letters scattered over the 255-byte segment borders. */
    static final String LONG;

    static {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 3000; i++) b.append(i % 7 == 0 ? "æøå" : "tekst").append(' ');
        LONG = b.substring(0, 2999) + "!"; // no trailing space: SPSS pads strings with spaces, so readers trim them
    }

    static final List<String> ORIGINAL_NAMES = List.of("id", "q1_innovation", "q2_samarbejde", "område",
            "2nd choice", "with", "weight", "comment", "medium_text", "long_text",
            "a_variable_name_that_is_longer_than_thirty_two_characters");

    static Dataset dataset() {
        List<Variable> vars = List.of(
                Variable.numeric("id", LocalizedText.daEn("Løbenummer", "Serial number")),
                Variable.numeric("q1_innovation", LocalizedText.daEn("Har arbejdspladsen innoveret?", "Has the workplace innovated?"))
                        .withValueLabels(YES_NO),
                Variable.numeric("q2_samarbejde", LocalizedText.daEn("Samarbejde med andre?", "Collaboration with others?"))
                        .withValueLabels(YES_NO),
                Variable.numeric("område", LocalizedText.daEn("Arbejdspladsens størrelse", "Size of the workplace"))
                        .withValueLabels(SIZE),
                Variable.numeric("2nd choice", LocalizedText.daEn("Andet valg", "Second choice")),
                Variable.numeric("with", LocalizedText.daEn("Et reserveret ord", "A reserved word")),
                Variable.numeric("weight", LocalizedText.daEn("Endelig vægt", "Final weight")),
                Variable.string("comment", LocalizedText.daEn("Kort kommentar", "Short comment")),
                Variable.string("medium_text", LocalizedText.daEn("Mellemlang tekst", "Medium text")),
                Variable.string("long_text", LocalizedText.daEn("Lang tekst", "Long text")),
                Variable.numeric("a_variable_name_that_is_longer_than_thirty_two_characters",
                        LocalizedText.daEn("Langt navn", "Long name")));
        List<List<Value>> rows = new ArrayList<>();
        MissingKind[] kinds = MissingKind.values();
        for (int r = 0; r < 6; r++) {
            Value q1 = r < 4 ? Value.missing(kinds[r]) : r == 4 ? Value.EMPTY : Value.of(1);
            rows.add(List.of(Value.of(r + 1), q1, Value.of(r % 2), Value.of(1 + r % 3),
                    r == 2 ? Value.missing(MissingKind.DONT_KNOW) : Value.of(10 * r),
                    Value.of(r), Value.of(1.25 + r / 8.0),
                    r == 3 ? Value.missing(MissingKind.UNANSWERED) : Value.of("hej " + r),
                    r == 0 ? Value.EMPTY : Value.of(MEDIUM),
                    r == 1 ? Value.of("") : Value.of(LONG),
                    Value.of(1000 + r)));
        }
        return new Dataset(LocalizedText.daEn("Innovationsbarometer mikrodata", "Innovation Barometer microdata"), vars, rows,
                MissingCodes.standard());
    }
}

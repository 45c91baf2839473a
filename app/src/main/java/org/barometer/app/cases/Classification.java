package org.barometer.app.cases;

import java.util.List;

/**
 * One value a case can be filed under (a government level, a sector, a technology, a kind of value created), as a
 * series configures it in the database: the codes and their labels are data, not code.
 */
public record Classification(Kind kind, String code, String labelDa, String labelEn, int position) {

    /** The four classifications every case has one of. */
    public enum Kind {
        LEVEL, SECTOR, TECHNOLOGY, VALUE;

        /** Its name in the database, the form and the query string. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind ofCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The label in a language of the pages. */
    public String label(String lang) {
        return "da".equals(lang) ? labelDa : labelEn;
    }

    /** The classifications of one kind, in their order. */
    public static List<Classification> of(List<Classification> all, Kind kind) {
        return all.stream().filter(c -> c.kind == kind).toList();
    }

    /** The label of a code among the classifications of a kind, or the code itself when it is not configured. */
    public static String label(List<Classification> all, Kind kind, String code, String lang) {
        return all.stream().filter(c -> c.kind == kind && c.code.equals(code)).findFirst()
                .map(c -> c.label(lang)).orElse(code);
    }
}

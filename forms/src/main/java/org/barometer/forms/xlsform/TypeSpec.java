package org.barometer.forms.xlsform;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barometer.forms.model.Metadata;
import org.barometer.forms.model.QuestionType;

/**
 * What the {@code type} column of a survey row says, in every spelling pyxform understands: a question with its
 * type (and list), the beginning or end of a group, repeat or loop, a type refused with the key of the reason, or
 * an unknown type.
 *
 * @param list      the choice list: a list name, the CSV file of a {@code _from_file} select, or null
 * @param source    where the list's choices come from
 * @param defaults  the constraint pyxform gives an ordinary question type such as {@code phone number}, or null
 * @param refusal   for {@link Kind#REFUSED}, the message key of the reason
 */
record TypeSpec(Kind kind, QuestionType type, String list, boolean orOther, Source source, Metadata metadata,
                Defaults defaults, String refusal) {

    enum Kind { QUESTION, BEGIN_GROUP, END_GROUP, BEGIN_REPEAT, END_REPEAT, BEGIN_LOOP, END_LOOP, REFUSED, UNKNOWN }

    enum Source { CHOICES, FILE, EXTERNAL }

    /** A constraint pyxform adds to a type, with the key of its message to respondents. */
    record Defaults(String constraint, String messageKey) {}

    private static final Pattern FROM_FILE = Pattern.compile(
            "(select_one_from_file|select one from file|select_multiple_from_file|select multiple from file) (\\S+)");
    private static final Pattern EXTERNAL = Pattern.compile("(select_one_external|select one external) (\\S+)");
    private static final Pattern SELECT = Pattern.compile(
            "(select_one|select one|select1|q select1|select one using|add select one prompt using"
                    + "|select_multiple|select multiple|select all that apply|q select|select multiple using"
                    + "|add select multiple prompt using)(?: from)? (\\S+)( or_other| or specify other)?");
    private static final Pattern RANK = Pattern.compile("rank (\\S+)");
    private static final Pattern LOOP = Pattern.compile("begin[ _]loop over (\\S+)");
    private static final Pattern BEGIN = Pattern.compile("begin[ _](group|repeat|lgroup|looped group)");
    private static final Pattern END = Pattern.compile("end[ _](group|repeat|lgroup|looped group|loop)");

    private static final Map<String, QuestionType> TYPES = new HashMap<>();
    private static final Map<String, Defaults> DEFAULTS = new HashMap<>();
    private static final Map<String, String> REFUSED = new HashMap<>();

    static {
        names(QuestionType.INTEGER, "integer", "int", "q int", "add integer prompt");
        names(QuestionType.DECIMAL, "decimal", "q decimal", "add decimal prompt");
        names(QuestionType.TEXT, "text", "string", "q string", "add text prompt");
        names(QuestionType.NOTE, "note", "q note", "add note prompt");
        names(QuestionType.DATE, "date", "q date", "add date prompt");
        names(QuestionType.TIME, "time", "q time", "add time prompt");
        names(QuestionType.DATETIME, "datetime", "date time", "q date time", "q datetime", "add date time prompt",
                "add datetime prompt");
        names(QuestionType.CALCULATE, "calculate", "q calculate", "add calculate prompt");
        names(QuestionType.ACKNOWLEDGE, "acknowledge", "trigger", "q acknowledge", "add acknowledge prompt");
        names(QuestionType.RANGE, "range");
        names(QuestionType.HIDDEN, "hidden");
        // pyxform's ordinary questions with a constraint of their own.
        ordinary("phone number", QuestionType.TEXT, "regex(., '^[0-9]*$')", "answer.digits");
        ordinary("percentage", QuestionType.INTEGER, "0 <= . and . <= 100", "answer.percentage");
        ordinary("number of days in last month", QuestionType.INTEGER, "0 <= . and . <= 31", "answer.days_month");
        ordinary("number of days in last six months", QuestionType.INTEGER, "0 <= . and . <= 183",
                "answer.days_six_months");
        ordinary("number of days in last year", QuestionType.INTEGER, "0 <= . and . <= 365", "answer.days_year");
        refused("xlsform.why.gps", "geopoint", "geotrace", "geoshape", "gps", "location", "q geopoint", "q geoshape",
                "q geotrace", "q location", "add location prompt", "start-geopoint", "background-geopoint", "osm");
        refused("xlsform.why.barcode", "barcode", "q barcode", "add barcode prompt");
        refused("xlsform.why.capture", "image", "photo", "audio", "video", "file", "background-audio", "q picture",
                "q image", "q audio", "q video", "add image prompt", "add photo prompt", "add audio prompt",
                "add video prompt", "add file prompt");
        refused("xlsform.why.external_instance", "xml-external", "csv-external");
        refused("xlsform.why.include", "include");
    }

    private static void names(QuestionType type, String... names) {
        for (String n : names) {
            TYPES.put(n, type);
        }
    }

    private static void ordinary(String name, QuestionType type, String constraint, String messageKey) {
        TYPES.put(name, type);
        DEFAULTS.put(name, new Defaults(constraint, messageKey));
    }

    private static void refused(String reasonKey, String... names) {
        for (String n : names) {
            REFUSED.put(n, reasonKey);
        }
    }

    /** Refused types written with a list after them ({@code osm c1}). */
    private static final Set<String> TAKES_A_LIST = Set.of("osm");

    /** What a type cell says; {@code raw} is the cell as written (list names keep their case). */
    static TypeSpec of(String raw) {
        String spaced = raw.strip().replaceAll("\\s+", " ");
        String lower = spaced.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = LOOP.matcher(lower)).matches()) {
            return new TypeSpec(Kind.BEGIN_LOOP, null, original(spaced, lower, m, 1), false, Source.CHOICES, null,
                    null, null);
        }
        if ((m = BEGIN.matcher(lower)).matches()) {
            return structure(m.group(1).equals("group") ? Kind.BEGIN_GROUP : Kind.BEGIN_REPEAT);
        }
        if ((m = END.matcher(lower)).matches()) {
            return structure(switch (m.group(1)) {
                case "group" -> Kind.END_GROUP;
                case "loop" -> Kind.END_LOOP;
                default -> Kind.END_REPEAT;
            });
        }
        if ((m = FROM_FILE.matcher(lower)).matches()) {
            return question(m.group(1).contains("one") ? QuestionType.SELECT_ONE : QuestionType.SELECT_MULTIPLE,
                    original(spaced, lower, m, 2), false, Source.FILE);
        }
        if ((m = EXTERNAL.matcher(lower)).matches()) {
            return question(QuestionType.SELECT_ONE, original(spaced, lower, m, 2), false, Source.EXTERNAL);
        }
        if ((m = SELECT.matcher(lower)).matches()) {
            boolean one = m.group(1).contains("one") || m.group(1).contains("select1");
            return question(one ? QuestionType.SELECT_ONE : QuestionType.SELECT_MULTIPLE,
                    original(spaced, lower, m, 2), m.group(3) != null, Source.CHOICES);
        }
        if ((m = RANK.matcher(lower)).matches()) {
            return question(QuestionType.RANK, original(spaced, lower, m, 1), false, Source.CHOICES);
        }
        QuestionType type = TYPES.get(lower);
        if (type != null) {
            return new TypeSpec(Kind.QUESTION, type, null, false, Source.CHOICES, null, DEFAULTS.get(lower), null);
        }
        var metadata = Metadata.ofType(lower);
        if (metadata.isPresent()) {
            return new TypeSpec(Kind.QUESTION, QuestionType.METADATA, null, false, Source.CHOICES, metadata.get(),
                    null, null);
        }
        String reason = REFUSED.get(lower);
        int space = lower.indexOf(' ');
        if (reason == null && space > 0 && TAKES_A_LIST.contains(lower.substring(0, space))) {
            reason = REFUSED.get(lower.substring(0, space));
        }
        if (reason != null) {
            return new TypeSpec(Kind.REFUSED, null, null, false, Source.CHOICES, null, null, reason);
        }
        return new TypeSpec(Kind.UNKNOWN, null, null, false, Source.CHOICES, null, null, null);
    }

    /** A matched group as written: list and file names keep their case. */
    private static String original(String spaced, String lower, Matcher m, int group) {
        return spaced.length() == lower.length() ? spaced.substring(m.start(group), m.end(group)) : m.group(group);
    }

    private static TypeSpec structure(Kind kind) {
        return new TypeSpec(kind, null, null, false, Source.CHOICES, null, null, null);
    }

    private static TypeSpec question(QuestionType type, String list, boolean orOther, Source source) {
        return new TypeSpec(Kind.QUESTION, type, list, orOther, source, null, null, null);
    }

    /** Whether the row begins a group, repeat or loop. */
    boolean begins() {
        return kind == Kind.BEGIN_GROUP || kind == Kind.BEGIN_REPEAT || kind == Kind.BEGIN_LOOP;
    }

    /** Whether the row ends a group, repeat or loop. */
    boolean ends() {
        return kind == Kind.END_GROUP || kind == Kind.END_REPEAT || kind == Kind.END_LOOP;
    }
}

package org.barometer.forms.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a metadata question records instead of asking: XLSForm's {@code start}, {@code end}, {@code today} and the
 * device properties. A web questionnaire records them as a web form does (ODK's Enketo): the server knows when
 * the questionnaire was first opened and when it was submitted, and the date; it gives a pseudonymous id of the
 * browser session as {@code deviceid}; the other device properties have no value in a browser and stay empty.
 */
public enum Metadata {
    /** When the respondent first opened the questionnaire (date and time). */
    START("start"),
    /** When the respondent submitted it (date and time). */
    END("end"),
    /** The date the questionnaire was first opened. */
    TODAY("today"),
    /** A pseudonymous id of the browser session the server assigns (ODK: the device's id). */
    DEVICE_ID("deviceid"),
    /** The user name of a signed-in person; empty for respondents, who do not sign in. */
    USERNAME("username"),
    /** The e-mail address of a signed-in person; empty for respondents. */
    EMAIL("email"),
    /** A telephone's own number: no value in a browser. */
    PHONE_NUMBER("phonenumber"),
    /** A telephone's SIM serial: no value in a browser. */
    SIM_SERIAL("simserial"),
    /** A telephone's subscriber id: no value in a browser. */
    SUBSCRIBER_ID("subscriberid"),
    /** ODK's audit log of the time spent per question: the server records its own paradata (time per page). */
    AUDIT("audit");

    private final String xlsFormName;

    Metadata(String xlsFormName) {
        this.xlsFormName = xlsFormName;
    }

    /** The type's name in the XLSForm {@code type} column. */
    public String xlsFormName() {
        return xlsFormName;
    }

    /** Whether the server records a value for it (start, end, today, deviceid); the others stay empty. */
    public boolean hasValue() {
        return this == START || this == END || this == TODAY || this == DEVICE_ID;
    }

    /** The metadata of a type name, also in pyxform's spellings ({@code uri:deviceid}, {@code imei}). */
    public static Optional<Metadata> ofType(String type) {
        String t = type.toLowerCase(Locale.ROOT).strip();
        if (t.startsWith("uri:")) {
            t = t.substring(4);
        }
        String name = switch (t) {
            case "imei", "device id", "get device id" -> "deviceid";
            case "start time", "get start time" -> "start";
            case "end time", "get end time" -> "end";
            case "get today" -> "today";
            case "sim id", "get sim id" -> "simserial";
            case "subscriber id", "get subscriber id" -> "subscriberid";
            case "get phone number" -> "phonenumber";
            default -> t;
        };
        return Arrays.stream(values()).filter(m -> m.xlsFormName.equals(name)).findFirst();
    }
}

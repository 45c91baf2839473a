package org.barometer.formats.microdata;

/** The storage type of a variable. */
public enum VariableType {
    /** A double-precision number (codes, counts, weights). */
    NUMERIC,
    /** A text of any length; the width written is the longest value's length in UTF-8 bytes. */
    STRING
}

package org.barometer.forms.expr;

/**
 * The name syntax shared by {@code ${name}}, bare choice-column names and function names: an XML name without
 * colon, as XLSForm requires: a letter or '_' first, then letters, digits, '_', '-' or '.'.
 */
final class Names {
    private Names() {
    }

    static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || Character.isDigit(c) || c == '-' || c == '.';
    }

    static boolean isName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A function name: a name, or a name with one prefix such as {@code jr:choice-name}. */
    static boolean isFunctionName(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? isName(s) : isName(s.substring(0, colon)) && isName(s.substring(colon + 1));
    }

    static String requireFunctionName(String s) {
        if (s == null || !isFunctionName(s)) {
            throw new IllegalArgumentException("not a valid function name: " + s);
        }
        return s;
    }

    static String requireName(String s) {
        if (s == null || !isName(s)) {
            throw new IllegalArgumentException("not a valid name: " + s
                    + " (expected a letter or '_' followed by letters, digits, '_', '-' or '.')");
        }
        return s;
    }
}

package org.barometer.forms.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it (and as spreadsheet programs save it): fields separated by commas, a field in
 * double quotes may hold commas, line breaks and doubled quotes, lines end in CRLF or LF, a UTF-8 byte order mark
 * is skipped. The first row is the header. Cells are trimmed, as pyxform trims them.
 */
public final class Csv {
    private Csv() {}

    /** A CSV file that could not be read, with the 1-based line where reading stopped. */
    public static final class CsvException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String reason;

        CsvException(int line, String reason) {
            super(reason + " (line " + line + ")");
            this.line = line;
            this.reason = reason;
        }

        /** 1-based line of the problem. */
        public int line() {
            return line;
        }

        /** What is wrong: {@code not_utf8}, {@code unclosed_quote} or {@code empty}. */
        public String reason() {
            return reason;
        }
    }

    /** The table in the bytes of a CSV file named {@code name}. */
    public static Table read(String name, byte[] bytes) throws CsvException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CsvException(1, "not_utf8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new CsvException(1, "empty");
        }
        return new Table(name, records.getFirst(), records.subList(1, records.size()));
    }

    private static List<List<String>> records(String text) throws CsvException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int quoteLine = 0;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    quoteLine = line;
                    any = true;
                }
                case ',' -> {
                    record.add(field.toString().strip());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // the \n that follows ends the record; a lone \r is kept as it is (old Mac files are rare)
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        field.append(c);
                    }
                }
                case '\n' -> {
                    line++;
                    if (any || !field.isEmpty()) {
                        record.add(field.toString().strip());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new CsvException(quoteLine, "unclosed_quote");
        }
        if (any || !field.isEmpty()) {
            record.add(field.toString().strip());
            records.add(record);
        }
        return records;
    }
}

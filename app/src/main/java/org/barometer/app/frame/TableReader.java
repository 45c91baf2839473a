package org.barometer.app.frame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import org.barometer.formats.sheet.WorkbookLimits;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads a table of text cells from a CSV file (comma or semicolon separated, UTF-8, quotes as in RFC 4180)
 * or the first sheet of an XLSX workbook. Each row keeps its row number in the file (1-based; for CSV the
 * line number where the record starts).
 */
public final class TableReader {
    private TableReader() {}

    /** A row of cells and its 1-based row number in the file. */
    public record TableRow(int number, List<String> cells) {
        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        public boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /** A file that cannot be read at all, with the reason (a message key and arguments). */
    public static final class UnreadableFileException extends Exception {
        private final String messageKey;
        private final transient Object[] args;

        public UnreadableFileException(String messageKey, Object... args) {
            super(messageKey);
            this.messageKey = messageKey;
            this.args = args;
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] args() {
            return args;
        }
    }

    /**
     * Reads CSV or XLSX, chosen by the file name's ending (and the XLSX signature), within the limits: a workbook
     * is refused before parsing when it unpacks past its size limit, and any file once it passes the row limit.
     */
    public static List<TableRow> read(String fileName, byte[] content, WorkbookLimits limits)
            throws UnreadableFileException {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        boolean zip = content.length >= 4 && content[0] == 'P' && content[1] == 'K';
        try {
            if (lower.endsWith(".xlsx") || zip) {
                limits.checkUnpackedSize(content);
                return readXlsx(content, limits);
            }
            if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
                List<TableRow> rows = readCsv(content);
                limits.checkRows(rows.size());
                return rows;
            }
        } catch (WorkbookLimits.TooLargeException e) {
            throw e.limit() == WorkbookLimits.TooLargeException.Limit.ROWS
                    ? new UnreadableFileException("frame.file.tooManyRows", e.shownValue())
                    : new UnreadableFileException("frame.file.tooLarge", e.shownValue());
        }
        throw new UnreadableFileException("frame.file.type", fileName);
    }

    private static List<TableRow> readXlsx(byte[] content, WorkbookLimits limits)
            throws UnreadableFileException, WorkbookLimits.TooLargeException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(content));
             Stream<Row> sheet = wb.getFirstSheet().openStream()) {
            List<TableRow> rows = new ArrayList<>();
            // one row at a time, so that a sheet past the limit is refused before it is all in memory
            for (Iterator<Row> it = sheet.iterator(); it.hasNext(); ) {
                limits.checkRows(rows.size() + 1);
                Row row = it.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(text(row.getCell(i)));
                }
                rows.add(new TableRow(row.getRowNum(), cells));
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException("frame.file.xlsx", String.valueOf(e.getMessage()));
        }
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal n = cell.asNumber();
            return n.stripTrailingZeros().toPlainString();
        }
        String t = cell.getText();
        return t == null ? "" : t;
    }

    static List<TableRow> readCsv(byte[] content) throws UnreadableFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("frame.file.encoding");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char separator = guessSeparator(text);
        List<TableRow> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowStart = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(new TableRow(rowStart, List.copyOf(cells)));
                cells.clear();
                line++;
                rowStart = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new UnreadableFileException("frame.file.quote", rowStart);
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new TableRow(rowStart, List.copyOf(cells)));
        }
        return rows;
    }

    /** Semicolons when the header line has more of them than commas (Danish spreadsheets save so). */
    private static char guessSeparator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        long semicolons = header.chars().filter(ch -> ch == ';').count();
        long commas = header.chars().filter(ch -> ch == ',').count();
        return semicolons > commas ? ';' : ',';
    }
}

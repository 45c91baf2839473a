package org.barometer.formats.sheet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * How large an uploaded workbook may be once unpacked, checked before any spreadsheet library parses it. An XLSX
 * file is a ZIP archive, and a few megabytes of ZIP can inflate to gigabytes of XML (a "ZIP bomb"), so the
 * archive's entries are inflated here once, counting the bytes they really produce (the sizes an archive declares
 * can lie), and the file is refused as soon as the count passes {@code maxUnpackedBytes}. Rows are counted by the
 * reader as it goes, against {@code maxRows}: see {@link #checkRows(int)}.
 *
 * @param maxUnpackedBytes the most bytes all entries together may inflate to
 * @param maxRows          the most rows a sheet may have
 */
public record WorkbookLimits(long maxUnpackedBytes, int maxRows) {
    /** A questionnaire: its sheets are short, its media live outside the workbook. */
    public static final WorkbookLimits QUESTIONNAIRE = new WorkbookLimits(100L << 20, 10_000);

    /** The most entries an archive may have (an XLSX has a few dozen). */
    static final int MAX_ENTRIES = 10_000;

    public WorkbookLimits {
        if (maxUnpackedBytes < 1 || maxRows < 1) {
            throw new IllegalArgumentException("workbook limits must be positive: " + maxUnpackedBytes + ", " + maxRows);
        }
    }

    /** A workbook past a limit: which limit, and its value. */
    public static final class TooLargeException extends Exception {
        /** The limit a workbook passed. */
        public enum Limit { UNPACKED_BYTES, ROWS, ENTRIES }

        private final Limit limit;
        private final long value;

        TooLargeException(Limit limit, long value) {
            super("the workbook passes its limit of " + value + " " + switch (limit) {
                case UNPACKED_BYTES -> "bytes unpacked";
                case ROWS -> "rows in a sheet";
                case ENTRIES -> "entries in its archive";
            });
            this.limit = limit;
            this.value = value;
        }

        public Limit limit() {
            return limit;
        }

        /** The limit's value (bytes, rows or entries). */
        public long value() {
            return value;
        }

        /** The limit in the unit a reader understands: megabytes for sizes, otherwise the count. */
        public long shownValue() {
            return limit == Limit.UNPACKED_BYTES ? value >> 20 : value;
        }
    }

    /**
     * Inflates every entry of the archive, counting, and refuses it past the limit. A file that is not a readable
     * archive passes: the spreadsheet reader says what is wrong with it in its own words.
     *
     * @throws TooLargeException when the entries inflate to more than {@code maxUnpackedBytes} or are too many
     */
    public void checkUnpackedSize(byte[] xlsx) throws TooLargeException {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        // The archive read as the workbook reader reads it (commons-compress, from its central directory), so that
        // the entries counted are the entries it would parse.
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get()) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntries(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw new TooLargeException(TooLargeException.Limit.ENTRIES, MAX_ENTRIES);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    total = inflate(in, buffer, total);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a readable archive: left to the reader, which names the fault in its own words
        }
    }

    private long inflate(InputStream entry, byte[] buffer, long total) throws IOException, TooLargeException {
        for (int read = entry.read(buffer); read >= 0; read = entry.read(buffer)) {
            total += read;
            if (total > maxUnpackedBytes) {
                throw new TooLargeException(TooLargeException.Limit.UNPACKED_BYTES, maxUnpackedBytes);
            }
        }
        return total;
    }

    /**
     * Refuses a sheet once its reader has come to row {@code rowsRead} past the limit; call it for every row
     * read, before keeping it.
     */
    public void checkRows(int rowsRead) throws TooLargeException {
        if (rowsRead > maxRows) {
            throw new TooLargeException(TooLargeException.Limit.ROWS, maxRows);
        }
    }
}

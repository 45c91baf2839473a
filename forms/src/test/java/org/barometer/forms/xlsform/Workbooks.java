package org.barometer.forms.xlsform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Test questionnaires: workbooks from rows of cells, and ZIPs of a workbook with its files. */
public final class Workbooks {
    private Workbooks() {}

    /** An XLSForm from sheets given as rows of cells (null for a blank cell), sheets in the map's order. */
    public static byte[] xlsx(Map<String, String[][]> sheets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "test", "1.0");
            sheets.forEach((name, rows) -> {
                Worksheet sheet = workbook.newWorksheet(name);
                for (int r = 0; r < rows.length; r++) {
                    for (int c = 0; c < rows[r].length; c++) {
                        if (rows[r][c] != null) {
                            sheet.value(r, c, rows[r][c]);
                        }
                    }
                }
            });
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Files by name in the order given: {@code files("a.xlsx", bytes, "b.png", bytes)}. */
    public static Map<String, byte[]> files(Object... nameThenBytes) {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            out.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return out;
    }

    /** A ZIP of files by name (folders in names are kept), in the map's order. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

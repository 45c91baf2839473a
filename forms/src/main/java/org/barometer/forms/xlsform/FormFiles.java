package org.barometer.forms.xlsform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.barometer.forms.i18n.FormText;

/**
 * What was uploaded: a bare {@code .xlsx} workbook, or a ZIP holding one {@code .xlsx} and the files it uses
 * (pictures, CSV files of choices and of {@code pulldata}). Files are known by their name without folders, as
 * the workbook names them. A ZIP is read within limits (entries, sizes), so that a small upload cannot expand
 * into gigabytes.
 *
 * @param workbookName the workbook's file name (the upload's own name for a bare workbook)
 * @param workbook     the workbook's bytes, or null when the upload holds none (see {@code problem})
 * @param files        the other files by name
 * @param problem      why the upload could not be unpacked, or null
 */
record FormFiles(String workbookName, byte[] workbook, Map<String, byte[]> files, FormText problem) {

    static final int MAX_ENTRIES = 2_000;
    static final long MAX_FILE_BYTES = 50L << 20;
    static final long MAX_TOTAL_BYTES = 200L << 20;

    /** Unpacks an upload named {@code fileName}. */
    static FormFiles of(byte[] bytes, String fileName) {
        if (!isZip(bytes)) {
            return new FormFiles(fileName, bytes, Map.of(), null); // the workbook reader says what it is not
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> workbooks = new ArrayList<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int count = 0;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("[Content_Types].xml") || entry.getName().startsWith("xl/")) {
                    return new FormFiles(fileName, bytes, Map.of(), null); // the upload is the workbook itself
                }
                if (++count > MAX_ENTRIES) {
                    return refused(fileName, FormText.of("xlsform.zip_entries", MAX_ENTRIES));
                }
                String name = baseName(entry.getName());
                // Folders, and the hidden files and __MACOSX folders that archivers add, are no files of the form.
                if (entry.isDirectory() || name.isEmpty() || name.startsWith(".")
                        || entry.getName().startsWith("__MACOSX/")) {
                    continue;
                }
                byte[] content = readLimited(zip, Math.min(MAX_FILE_BYTES, MAX_TOTAL_BYTES - total));
                if (content == null) {
                    return refused(fileName, FormText.of("xlsform.zip_too_large", name, MAX_FILE_BYTES >> 20,
                            MAX_TOTAL_BYTES >> 20));
                }
                total += content.length;
                if (entries.putIfAbsent(name, content) != null) {
                    return refused(fileName, FormText.of("xlsform.zip_duplicate", name));
                }
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
                    workbooks.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return refused(fileName, FormText.of("xlsform.zip_unreadable", XlsFormReader.describe(e)));
        }
        if (workbooks.size() != 1) {
            return refused(fileName, workbooks.isEmpty() ? FormText.of("xlsform.zip_no_workbook")
                    : FormText.of("xlsform.zip_workbooks", String.join(", ", workbooks)));
        }
        String workbookName = workbooks.getFirst();
        byte[] workbook = entries.remove(workbookName);
        return new FormFiles(workbookName, workbook, entries, null);
    }

    private static FormFiles refused(String fileName, FormText problem) {
        return new FormFiles(fileName, null, Map.of(), problem);
    }

    /** Whether the bytes begin as a ZIP archive does (an .xlsx is one too). */
    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The entry's bytes, or null when it holds more than {@code limit}. */
    private static byte[] readLimited(ZipInputStream zip, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
            read += n;
            if (read > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}

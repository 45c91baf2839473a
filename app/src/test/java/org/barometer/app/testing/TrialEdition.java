package org.barometer.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Edition files for the small test questionnaire ({@code respond.TestForm}, form id {@code test_barometer}): one
 * theme, one figure of the question "innovated", one headline; and ZIPs of any bytes, to spoil uploads with.
 */
public final class TrialEdition {
    private TrialEdition() {}

    /** edition.json and its one figure file, naming the questionnaire {@code form}. */
    public static Map<String, String> files(String form) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("edition.json", """
                {"id": "trial", "title": {"da": "Prøveudgave", "en": "Trial edition"}, "form": "%s",
                 "themes": [{"id": "all", "title": {"da": "Alt", "en": "Everything"}}],
                 "headlines": [{"condition": "${innovated} = 'yes'", "text": {"da": "har innoveret", "en": "innovated"}}],
                 "figures": ["figures/innovated.json"]}""".formatted(form));
        files.put("figures/innovated.json", """
                {"id": "innovated", "theme": "all", "title": {"da": "Innovation", "en": "Innovation"},
                 "variable": "innovated", "categories": ["yes", "no"], "chart": "bars"}""");
        return files;
    }

    /** A ZIP of entries as given, byte for byte (EditionZip.write writes only UTF-8 text). */
    public static byte[] zipBytes(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

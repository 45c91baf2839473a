package org.barometer.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.series.FamilyFiles;
import org.barometer.app.series.FamilyStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's family of barometers: its Danish series (the demo's four editions, on Barometer) and Norway's,
 * Sweden's and Finland's barometers by their published aggregates, uploaded once as an office uploads its own
 * family files. Numbers made up for the demo are marked synthetic in the files, and so on every page.
 */
public final class DemoSeries {
    private static final String FOLDER = "/org/barometer/app/demo/family/";
    /** The name the family's files are uploaded under. */
    static final String FILE_NAME = "nordic-barometers-demo.zip";

    private DemoSeries() {
    }

    /** The demo family's files by name. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("family.json", "aggregates.csv")) {
            try (InputStream in = DemoSeries.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("The demo family has no file " + name);
                }
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Uploads the demo family's files when none are stored yet; returns what it did, for the console. */
    public static List<String> publish(Jdbi jdbi) throws EditionException {
        if (new FamilyStore(jdbi).count() > 0) {
            return List.of();
        }
        FamilyFiles.Upload upload = new FamilyFiles(jdbi).upload(FILE_NAME, files(), null);
        if (!upload.stored()) {
            throw new EditionException(upload.problems());
        }
        return List.of("series: the Nordic family's files stored as version " + upload.id());
    }
}

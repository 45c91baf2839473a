package org.barometer.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The programs reference tests run beside the product (R, readstat, PSPP), and the files they exchange. */
public final class Programs {
    private Programs() {
    }

    /** Whether a program is on the PATH. */
    public static boolean onPath(String program) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, program))) {
                return true;
            }
        }
        return false;
    }

    /** Whether Rscript is installed with every one of these packages. */
    public static boolean rHas(String... packages) throws Exception {
        if (!onPath("Rscript")) {
            return false;
        }
        StringBuilder e = new StringBuilder();
        for (String p : packages) {
            e.append("library(").append(p).append("); ");
        }
        Process p = new ProcessBuilder("Rscript", "-e", e.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Runs an R script from a file in {@code dir} (so that it finds its files beside it); returns its output. */
    public static String rscript(Path dir, String script) throws Exception {
        Path file = Files.createTempFile(dir, "check-", ".R");
        Files.writeString(file, script);
        String out = run(dir, "Rscript", file.getFileName().toString());
        System.out.println(out);
        return out;
    }

    /** Runs a command in {@code dir}, failing the test unless it ends well within 5 minutes; returns its output. */
    public static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
        return text;
    }

    /** Unpacks a ZIP file into a folder. */
    public static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Files.write(target.resolve(e.getName()), in.readAllBytes());
            }
        }
    }
}

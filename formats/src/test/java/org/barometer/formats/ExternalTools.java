package org.barometer.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the tests compare against (R, readstat, PSPP), and says which are missing. */
public final class ExternalTools {
    private ExternalTools() {}

    /** The output of a finished process. */
    public record Run(int exitCode, String stdout, String stderr) {}

    /** Runs {@code command} in {@code dir}, waiting at most five minutes (a loaded machine is slow, not stuck). */
    public static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in five minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Whether {@code program} is on the PATH. */
    public static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    /**
     * Why R cannot run the tests ({@code null} when it can): Rscript absent, or one of {@code packages} not
     * installed.
     */
    public static String rProblem(Path dir, String... packages) throws IOException, InterruptedException {
        if (!onPath("Rscript")) return "Rscript is not installed (Debian: r-base-core)";
        List<String> missing = new ArrayList<>();
        for (String p : packages) {
            Run r = run(dir, "Rscript", "-e", "quit(status = !requireNamespace('" + p + "', quietly = TRUE))");
            if (r.exitCode() != 0) missing.add(p);
        }
        return missing.isEmpty() ? null : "R package(s) " + missing + " not installed (Debian: "
                + String.join(", ", missing.stream().map(m -> "r-cran-" + m.toLowerCase()).toList()) + ")";
    }
}

package org.barometer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the load-generating benchmarks share: their {@code --name value} options and the machine's load. */
public final class RunOptions {

    private RunOptions() {
    }

    /**
     * The options as name → value; anything that is not a {@code --name value} pair is refused with the usage
     * {@code expected} (e.g. "--clients N or --seconds S").
     */
    public static Map<String, String> parse(String[] args, String expected) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected " + expected + "; got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    /** The load average as /proc/loadavg gives it, printed beside results measured on a shared machine. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

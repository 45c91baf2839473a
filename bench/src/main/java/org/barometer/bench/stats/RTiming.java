package org.barometer.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What R's {@code timing.R} printed: the elapsed seconds of each survey call and, after the line
 * {@code -- values --}, the values it prints to 15 significant digits, keyed as {@link StatsBenchmark} keys
 * its own values ({@code mean-factor/groupa/estimate}, {@code chisq/statistic}, ...); after the line
 * {@code -- cpu seconds} (added by {@code bench/stats/with-cpu.R}) the CPU seconds of each timed call in order.
 * The project's {@code bench/stats/new-ops.R} prints the same sections, its values one per line as
 * {@code key value} with the benchmark's own keys; {@link #read(Path, Path)} reads both files into one.
 */
record RTiming(String header, String load, Map<Operation, Double> seconds, Map<Operation, Double> cpuSeconds,
        Map<String, Double> values) {

    private static final Pattern TIME = Pattern.compile("^(.*\\S)\\s+([0-9.]+) s\\s*$");
    private static final Pattern KEYED = Pattern.compile("^([a-z-]+/\\S+) (\\S+)$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:[0-9]*\\.)?[0-9]+(?:[eE][-+]?[0-9]+)?|NA|NaN|-?Inf");

    /**
     * timing.R's output and, when {@code newOps} is not null, new-ops.R's: their times and values together; the
     * header is timing.R's, the load averages both runs'.
     */
    static RTiming read(Path timing, Path newOps) throws IOException {
        RTiming a = read(timing);
        if (newOps == null) return a;
        RTiming b = read(newOps);
        Map<Operation, Double> seconds = new LinkedHashMap<>(a.seconds());
        seconds.putAll(b.seconds());
        Map<Operation, Double> cpu = new LinkedHashMap<>(a.cpuSeconds());
        cpu.putAll(b.cpuSeconds());
        Map<String, Double> values = new LinkedHashMap<>(a.values());
        values.putAll(b.values());
        String load = a.load() + (b.load().isEmpty() ? "" : "; " + b.load().replaceFirst("^#\\s*", ""));
        return new RTiming(a.header(), load, seconds, cpu, values);
    }

    static RTiming read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String header = lines.stream().filter(l -> l.startsWith("# survey")).findFirst().orElse("");
        String load = lines.stream().filter(l -> l.startsWith("# load average")).findFirst().orElse("");
        Map<Operation, Double> seconds = new LinkedHashMap<>();
        Map<Operation, Double> cpu = new LinkedHashMap<>();
        List<Operation> order = new java.util.ArrayList<>();
        boolean inCpu = false;
        Map<String, Double> values = new LinkedHashMap<>();
        boolean inValues = false;
        String section = null;
        for (String line : lines) {
            if (line.startsWith("-- cpu seconds")) {
                inCpu = true;
                continue;
            }
            if (inCpu) {
                List<Double> xs = numbers(line);
                if (xs.size() == 2 && cpu.size() < order.size()) cpu.put(order.get(cpu.size()), xs.get(0));
                continue;
            }
            if (line.startsWith("-- values")) {
                inValues = true;
                continue;
            }
            if (!inValues) {
                Matcher m = TIME.matcher(line);
                if (m.matches()) {
                    Operation op = Operation.ofRLabel(m.group(1));
                    if (op != null) seconds.put(op, Double.parseDouble(m.group(2)));
                    order.add(op);
                }
                continue;
            }
            Matcher keyed = KEYED.matcher(line);
            if (keyed.matches()) {
                values.put(keyed.group(1), parse(keyed.group(2)));
                continue;
            }
            if (line.startsWith("  ") && section != null) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 3) {
                    values.put(section + "/" + p[0] + "/estimate", parse(p[1]));
                    values.put(section + "/" + p[0] + "/se", parse(p[2]));
                }
                continue;
            }
            section = null;
            if (line.startsWith("svymean(~group)")) section = Operation.MEAN_FACTOR.key;
            else if (line.startsWith("svymean(~y)")) section = Operation.MEAN.key;
            else if (line.startsWith("raked svymean(~y)")) section = Operation.RAKED_MEAN.key;
            else if (line.startsWith("svyby(~y,~group)")) section = Operation.DOMAIN_MEANS.key;
            else if (line.startsWith("svyby raked")) section = Operation.RAKED_DOMAIN_MEANS.key;
            else if (line.startsWith("svychisq F:")) {
                List<Double> xs = numbers(line.substring("svychisq F:".length()));
                String k = Operation.CHISQ.key;
                values.put(k + "/statistic", xs.get(0));
                values.put(k + "/ndf", xs.get(1));
                values.put(k + "/ddf", xs.get(2));
                values.put(k + "/p", xs.get(3));
            } else if (line.startsWith("svyciprop beta:")) {
                List<Double> xs = numbers(line.substring("svyciprop beta:".length()));
                String k = Operation.BETA.key;
                values.put(k + "/estimate", xs.get(0));
                values.put(k + "/lower", xs.get(1));
                values.put(k + "/upper", xs.get(2));
            }
        }
        return new RTiming(header, load, seconds, cpu, values);
    }

    private static List<Double> numbers(String s) {
        return NUMBER.matcher(s).results().map(r -> parse(r.group())).toList();
    }

    private static double parse(String s) {
        return switch (s) {
            case "NA", "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}

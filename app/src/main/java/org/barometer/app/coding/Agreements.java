package org.barometer.app.coding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agreement of a question's coders, from its double-coded answers, through the agreement measures of this
 * package: per pair of coders Cohen's kappa (each answer's whole set of codes as one category, and per category its
 * presence or absence) and Krippendorff's alpha of the pair; per category, over every coder, alpha of the
 * category's presence or absence.
 */
public final class Agreements {
    private static final String PRESENT = "present";
    private static final String ABSENT = "absent";

    /** One pair of coders: the answers both coded, kappa of the whole answer, alpha of the pair, kappa per category. */
    public record Pair(String first, String second, int answers, int agreed, Kappa kappa, Alpha alpha,
                       Map<String, Kappa> byCategory) {
        public Pair {
            byCategory = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCategory));
        }
    }

    /** One category over every coder: how many double-coded answers either coder gave it, and alpha of its presence. */
    public record Category(FrameCategory category, int given, Alpha alpha) {}

    /** The measures of a question, or none when nothing is coded twice. */
    public record Report(List<Pair> pairs, List<Category> categories) {
        public Report {
            pairs = List.copyOf(pairs);
            categories = List.copyOf(categories);
        }
    }

    private Agreements() {
    }

    public static Report of(CodingStore.Frame frame, List<CodingStore.DoubleCoded> coded) {
        // codes of an answer coded under an earlier frame version may no longer be in the frame: those count in the
        // whole-answer comparison, and the frame measured against is the current one widened by them
        Set<String> codes = new LinkedHashSet<>(frame.codes());
        coded.forEach(d -> {
            codes.addAll(d.first().codes());
            codes.addAll(d.second().codes());
        });
        CodingFrame measured = new CodingFrame(List.copyOf(codes));
        Map<String, List<CodingStore.DoubleCoded>> byPair = new TreeMap<>();
        for (CodingStore.DoubleCoded d : coded) {
            boolean inOrder = d.first().coder().compareTo(d.second().coder()) <= 0;
            String key = inOrder ? d.first().coder() + "\u0000" + d.second().coder() : d.second().coder() + "\u0000" + d.first().coder();
            byPair.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, List<CodingStore.DoubleCoded>> e : byPair.entrySet()) {
            String[] names = e.getKey().split("\u0000");
            Map<String, Set<String>> a = new LinkedHashMap<>();
            Map<String, Set<String>> b = new LinkedHashMap<>();
            Map<String, String> wholeA = new LinkedHashMap<>();
            Map<String, String> wholeB = new LinkedHashMap<>();
            int agreed = 0;
            for (CodingStore.DoubleCoded d : e.getValue()) {
                boolean firstIsA = d.first().coder().equals(names[0]);
                List<String> ca = (firstIsA ? d.first() : d.second()).codes();
                List<String> cb = (firstIsA ? d.second() : d.first()).codes();
                String answer = String.valueOf(d.responseId());
                a.put(answer, Set.copyOf(ca));
                b.put(answer, Set.copyOf(cb));
                wholeA.put(answer, whole(measured, ca));
                wholeB.put(answer, whole(measured, cb));
                agreed += d.agree() ? 1 : 0;
            }
            MultiCodeKappa kappa = Agreement.cohenKappa(new MultiCodePair(measured, new MultiCoding(names[0], a),
                    new MultiCoding(names[1], b)));
            Set<String> combinations = new LinkedHashSet<>(wholeA.values());
            combinations.addAll(wholeB.values());
            Alpha alpha = Agreement.krippendorffAlpha(new CodingTable(new CodingFrame(List.copyOf(combinations)),
                    List.of(new SingleCoding(names[0], wholeA), new SingleCoding(names[1], wholeB))));
            Map<String, Kappa> byCategory = new LinkedHashMap<>();
            for (String code : frame.codes()) {
                byCategory.put(code, kappa.byCategory().get(code));
            }
            pairs.add(new Pair(names[0], names[1], e.getValue().size(), agreed, kappa.wholeAnswer(), alpha, byCategory));
        }
        List<Category> categories = new ArrayList<>();
        if (!coded.isEmpty()) {
            for (FrameCategory category : frame.categories()) {
                Map<String, Map<String, String>> byCoder = new LinkedHashMap<>();
                int given = 0;
                for (CodingStore.DoubleCoded d : coded) {
                    String answer = String.valueOf(d.responseId());
                    for (CodingStore.Codes c : List.of(d.first(), d.second())) {
                        byCoder.computeIfAbsent(c.coder(), k -> new LinkedHashMap<>())
                                .put(answer, c.codes().contains(category.code()) ? PRESENT : ABSENT);
                    }
                    given += d.first().codes().contains(category.code()) || d.second().codes().contains(category.code()) ? 1 : 0;
                }
                List<SingleCoding> coders = byCoder.entrySet().stream()
                        .map(c -> new SingleCoding(c.getKey(), c.getValue())).toList();
                Alpha alpha = coders.size() < 2 ? null
                        : Agreement.krippendorffAlpha(new CodingTable(CodingFrame.of(PRESENT, ABSENT), coders));
                categories.add(new Category(category, given, alpha));
            }
        }
        return new Report(pairs, categories);
    }

    /** An answer's whole set of codes as one value, in the frame's order. */
    private static String whole(CodingFrame frame, List<String> codes) {
        return String.join("+", frame.codes().stream().filter(codes::contains).toList());
    }
}

package org.barometer.app.coding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The codes suggested to a coder for an answer, each with how far it can be trusted, from two sources:
 * <ul>
 *   <li><b>rules</b>: a keyword of a category (its synonyms and misspellings are keywords too) found at the start of
 *       a word of the answer, both made lower case with every character that is neither letter nor digit a space.
 *       A rule's confidence is its precision so far: of the finally coded answers the category's keywords are found
 *       in, the share whose final codes have the category (or a category under it);</li>
 *   <li><b>answers already coded</b>: the ten finally coded answers most like this one, by the overlap of their
 *       words after stemming (PostgreSQL's full-text search in the questionnaire's language; Jaccard's index of the
 *       two sets of stems). A code's confidence is the neighbours' vote for it, each neighbour weighted by its
 *       likeness.</li>
 * </ul>
 * A suggestion's confidence is the higher of the two. Suggestions are only ever shown, or ticked in advance from
 * the question's threshold: nothing is stored until a coder saves the codes.
 */
public final class Suggestions {
    /** How many coded answers vote. */
    static final int NEIGHBOURS = 10;
    /** The code of an XLSForm language written with it, as in "Dansk (da)". */
    private static final java.util.regex.Pattern LANGUAGE_CODE = java.util.regex.Pattern.compile("\\(([a-z]{2,3})\\)");

    private Suggestions() {
    }

    /** A finally coded answer: its text, its stems and its final codes. */
    public record Coded(String text, Set<String> stems, List<String> codes) {
        public Coded {
            stems = Set.copyOf(stems);
            codes = List.copyOf(codes);
        }
    }

    /**
     * One suggested code.
     *
     * @param keyword       the keyword found in the answer, or null when no rule of the category fired
     * @param ruleFired     in how many coded answers the category's keywords are found
     * @param ruleRight     how many of those have the category among their final codes
     * @param similarWith   how many of the most similar coded answers have the code
     * @param similarOf     how many similar coded answers voted (0: none is like this answer)
     * @param similarShare  their vote for the code, weighted by likeness (0 to 1; NaN without similar answers)
     */
    public record Suggestion(String code, String keyword, int ruleFired, int ruleRight, int similarWith,
                             int similarOf, double similarShare) {
        /** The rule's precision so far, or NaN when it has fired in no coded answer (or did not fire here). */
        public double rulePrecision() {
            return keyword == null || ruleFired == 0 ? Double.NaN : (double) ruleRight / ruleFired;
        }

        /** The higher of the rule's precision and the similar answers' vote; NaN when neither is known yet. */
        public double confidence() {
            double r = rulePrecision();
            double s = similarShare;
            if (Double.isNaN(r)) {
                return s;
            }
            return Double.isNaN(s) ? r : Math.max(r, s);
        }

        /** The confidence as a whole percentage, or null when it is not known yet. */
        public Integer percent() {
            double c = confidence();
            return Double.isNaN(c) ? null : (int) Math.round(100 * c);
        }
    }

    /**
     * The suggestions for {@code answer}, the most confident first (those of unknown confidence last, in the
     * frame's order).
     *
     * @param stems the answer's stems
     * @param coded the question's finally coded answers
     */
    public static List<Suggestion> of(CodingStore.Frame frame, String answer, Set<String> stems, List<Coded> coded) {
        String text = normalised(answer);
        List<String> normalisedCoded = coded.stream().map(c -> normalised(c.text())).toList();
        List<Set<String>> codedWithParents = coded.stream().map(c -> frame.withCategoriesAbove(c.codes())).toList();
        // the most similar coded answers and their weighted vote
        List<Integer> order = new ArrayList<>();
        double[] likeness = new double[coded.size()];
        for (int i = 0; i < coded.size(); i++) {
            likeness[i] = jaccard(stems, coded.get(i).stems());
            if (likeness[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -likeness[i]).thenComparingInt(i -> i));
        List<Integer> neighbours = order.subList(0, Math.min(NEIGHBOURS, order.size()));
        double total = 0;
        Map<String, Double> vote = new LinkedHashMap<>();
        Map<String, Integer> with = new LinkedHashMap<>();
        for (int i : neighbours) {
            total += likeness[i];
            for (String code : new HashSet<>(coded.get(i).codes())) {
                vote.merge(code, likeness[i], Double::sum);
                with.merge(code, 1, Integer::sum);
            }
        }
        List<Suggestion> out = new ArrayList<>();
        for (FrameCategory c : frame.categories()) {
            List<String> keywords = c.keywords();
            String keyword = keywordIn(keywords, text);
            if (keyword == null && !vote.containsKey(c.code())) {
                continue;
            }
            int fired = 0;
            int right = 0;
            if (keyword != null) {
                for (int i = 0; i < coded.size(); i++) {
                    if (keywordIn(keywords, normalisedCoded.get(i)) != null) {
                        fired++;
                        right += codedWithParents.get(i).contains(c.code()) ? 1 : 0;
                    }
                }
            }
            double share = neighbours.isEmpty() ? Double.NaN : vote.getOrDefault(c.code(), 0.0) / total;
            out.add(new Suggestion(c.code(), keyword, fired, right, with.getOrDefault(c.code(), 0), neighbours.size(),
                    share));
        }
        // the most confident first; unknown confidence after, in the frame's order (the sort is stable)
        out.sort(Comparator.comparingDouble((Suggestion s) -> Double.isNaN(s.confidence()) ? 1 : -s.confidence()));
        return List.copyOf(out);
    }

    /**
     * The codes to tick in advance: those whose confidence reaches the threshold, or (a frame of one code per
     * answer) the most confident of them.
     */
    public static List<String> ticked(CodingStore.Frame frame, List<Suggestion> suggestions, double threshold) {
        List<String> out = new ArrayList<>();
        for (Suggestion s : suggestions) {
            if (s.confidence() >= threshold) {
                out.add(s.code());
                if (!frame.multiple()) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /** Lower case, every character that is neither letter nor digit a space, runs of spaces one, a space in front. */
    public static String normalised(String text) {
        StringBuilder out = new StringBuilder(" ");
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        return out.toString().replaceAll(" +", " ");
    }

    /**
     * The first of a category's keywords ({@link FrameCategory#keywords}) that starts a word of a normalised text,
     * or null when none does: the category's rule fires when it is not null.
     */
    public static String keywordIn(List<String> keywords, String normalisedText) {
        for (String k : keywords) {
            if (normalisedText.contains(" " + k)) {
                return k;
            }
        }
        return null;
    }

    /**
     * PostgreSQL's text search configuration for a questionnaire's language (its stemmer), {@code simple} (no
     * stemming) for a language it has none for.
     */
    public static String textSearchConfig(String language) {
        String l = language == null ? "" : language.toLowerCase(Locale.ROOT).strip();
        java.util.regex.Matcher code = LANGUAGE_CODE.matcher(l);
        if (code.find()) {
            l = code.group(1);
        }
        return switch (l.length() >= 2 ? l.substring(0, 2) : l) {
            case "da" -> "danish";
            case "en" -> "english";
            case "sv" -> "swedish";
            case "no", "nb", "nn" -> "norwegian";
            case "fi" -> "finnish";
            case "de" -> "german";
            case "nl" -> "dutch";
            case "fr" -> "french";
            default -> "simple";
        };
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String s : a) {
            common += b.contains(s) ? 1 : 0;
        }
        return (double) common / (a.size() + b.size() - common);
    }
}

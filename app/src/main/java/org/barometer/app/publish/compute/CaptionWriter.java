package org.barometer.app.publish.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.barometer.app.text.Language;
import org.barometer.app.text.LocalizedText;
/**
 * Writes a figure's caption in Danish or English from its {@link CaptionSpec}, sentence by sentence in
 * the order the published barometer uses: what the figure shows, the question, who was asked, what is
 * left out, why the shares do not add up, the test, the weighting, and n. Every sentence comes from the
 * message bundle; this class only decides which sentences apply and fills in the numbers.
 */
public final class CaptionWriter {

    private CaptionWriter() {
    }

    /** The caption as one paragraph. */
    public static String write(CaptionSpec spec, Locale locale) {
        return String.join(" ", sentences(spec, locale));
    }

    /** The caption's sentences in order. */
    public static List<String> sentences(CaptionSpec spec, Locale locale) {
        Language m = Language.of(locale);
        List<String> out = new ArrayList<>();
        if (spec.description() != null) {
            out.add(endSentence(spec.description().in(locale)));
        }
        out.add(m.t("publish.caption.question", stripFinalStop(spec.question().in(locale))));
        if (spec.base() != null) {
            out.add(m.t("publish.caption.base", stripFinalStop(spec.base().in(locale))));
        }
        if (!spec.excluded().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (CaptionSpec.Excluded e : spec.excluded()) {
                parts.add(m.t("publish.caption.excluded.item", e.label().in(locale), m.percent(e.fraction(), 0)));
            }
            String key = parts.size() == 1 ? "publish.caption.excluded.one" : "publish.caption.excluded.many";
            out.add(capitalise(m.t(key, m.list(parts)), locale));
        }
        if (spec.multipleAnswers()) {
            out.add(m.t("publish.caption.multiple"));
        }
        if (spec.roundingNote()) {
            out.add(m.t("publish.caption.rounding"));
        }
        out.addAll(significanceSentences(spec.significance(), m));
        if (spec.weightedTo() != null) {
            out.add(m.t("publish.caption.weighted", spec.weightedTo().in(m.locale())));
        }
        out.add(m.t("publish.caption.n", m.integer(spec.n())));
        return List.copyOf(out);
    }

    /** The sentences reporting a test result (none when nothing was tested). */
    public static List<String> significanceSentences(Significance significance, Language m) {
        return switch (significance) {
            case Significance.NotTested ignored -> List.of();
            case Significance.Overall o -> List.of(m.t(
                    o.significant() ? "publish.caption.overall.significant" : "publish.caption.overall.notSignificant",
                    level(o.level(), m)));
            case Significance.PerItem p -> {
                List<String> s = new ArrayList<>();
                if (!p.significant().isEmpty()) {
                    s.add(m.t("publish.caption.items.significant", labels(p.significant(), m), level(p.level(), m)));
                }
                if (!p.notSignificant().isEmpty()) {
                    s.add(m.t("publish.caption.items.notSignificant", labels(p.notSignificant(), m), level(p.level(), m)));
                }
                yield s;
            }
        };
    }

    private static String labels(List<LocalizedText> items, Language m) {
        List<String> texts = new ArrayList<>();
        for (LocalizedText t : items) {
            texts.add(lowerFirst(t.in(m.locale()), m.locale()));
        }
        return m.list(texts);
    }

    private static String level(double level, Language m) {
        return m.decimal(level, 2);
    }

    private static String stripFinalStop(String text) {
        String t = text.strip();
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static String endSentence(String text) {
        String t = text.strip();
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }

    private static String capitalise(String text, Locale locale) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
    }

    /** Item labels sit inside a sentence; "Private companies" reads "private companies" there. */
    private static String lowerFirst(String text, Locale locale) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isUpperCase(text.charAt(1))) {
            return text; // an abbreviation such as "IT"
        }
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(locale) + text.substring(1);
    }
}

package org.barometer.app.publish.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.spec.FigureSpec;
import org.barometer.formats.LocalizedText;
import org.barometer.formats.table.Category;
import org.barometer.formats.table.Cell;
import org.barometer.formats.table.Dimension;
import org.barometer.formats.table.StatTable;

/**
 * A published figure as a statistical table for PX and JSON-stat: the series down the side, the answers across, and
 * per cell the protected share in per cent with its interval bounds and the series' protected n, or the suppressed
 * status ({@code ..}). Built only from the published (protected) figure.
 */
public final class FigureTables {
    private FigureTables() {
    }

    /** The table of a published figure, in Danish and English. */
    public static StatTable of(FigureResult f, org.barometer.app.text.LocalizedText subject) {
        FigureSpec spec = f.spec();
        List<Category> series = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> da = new HashSet<>();
        Set<String> en = new HashSet<>();
        for (FigureResult.Series s : f.series()) {
            series.add(new Category(code(s.id(), codes), unique(s.label(), da, en)));
        }
        List<Category> items = new ArrayList<>();
        Map<String, Integer> itemIndex = new HashMap<>();
        codes = new HashSet<>();
        da = new HashSet<>();
        en = new HashSet<>();
        for (FigureSpec.Item item : spec.items()) {
            itemIndex.put(item.id(), items.size());
            items.add(new Category(code(item.id(), codes), unique(item.label(), da, en)));
        }
        Cell[] cells = new Cell[series.size() * items.size()];
        for (int s = 0; s < f.series().size(); s++) {
            FigureResult.Series sr = f.series().get(s);
            for (FigureSpec.Item item : spec.items()) {
                FigureResult.Cell c = f.cell(sr.id(), item.id());
                int at = s * items.size() + itemIndex.get(item.id());
                cells[at] = c == null || c.suppressed() || c.estimate() == null || sr.n() == null ? Cell.suppressed()
                        : Cell.shown(pct(c.estimate()), c.low() == null ? null : pct(c.low()),
                        c.high() == null ? null : pct(c.high()), sr.n());
            }
        }
        String caption = f.captions().getOrDefault("da", "");
        String captionEn = f.captions().getOrDefault("en", "");
        return new StatTable(spec.id().replaceAll("[^A-Za-z0-9_]", "_"), "barometer", List.of("da", "en"),
                text(subject),
                text(spec.title()), LocalizedText.daEn("Andel af arbejdspladser", "Share of workplaces"),
                LocalizedText.daEn("procent", "per cent"),
                caption.isBlank() || captionEn.isBlank() ? LocalizedText.empty() : LocalizedText.daEn(caption, captionEn),
                2,
                List.of(new Dimension("series", LocalizedText.daEn("Gruppe", "Group"), series)),
                List.of(new Dimension("answer", LocalizedText.daEn("Svar", "Answer"), items)),
                List.of(cells), null);
    }

    private static double pct(double share) {
        return Math.round(share * 1_000_000d) / 10_000d;
    }

    private static LocalizedText text(org.barometer.app.text.LocalizedText t) {
        return LocalizedText.daEn(t.da(), t.en());
    }

    private static LocalizedText unique(org.barometer.app.text.LocalizedText t, Set<String> da, Set<String> en) {
        String d = t.da();
        String e = t.en();
        while (!da.add(d)) {
            d = d + " ";
        }
        while (!en.add(e)) {
            e = e + " ";
        }
        return LocalizedText.daEn(d, e);
    }

    private static String code(String id, Set<String> taken) {
        String c = id.replaceAll("[^A-Za-z0-9_.\\-]", "_");
        if (c.isEmpty()) {
            c = "x";
        }
        String candidate = c;
        for (int k = 2; !taken.add(candidate); k++) {
            candidate = c + "_" + k;
        }
        return candidate;
    }
}

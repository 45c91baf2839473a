package org.barometer.formats.table;

import java.time.LocalDateTime;
import java.util.List;
import org.barometer.formats.LocalizedText;

/**
 * One figure as a table: the share of workplaces with an innovation, by sector (stub) and answer (heading), one
 * cell suppressed, one with no interval. The caption is long enough to be split over PX lines, and holds a double
 * quote.
 */
final class SampleTable {
    static final String CAPTION_DA = "Figur 3. Andel af arbejdspladser, der har innoveret, fordelt på sektor. "
            + "Spørgsmålet lød \"Har arbejdspladsen indført nye eller væsentligt forbedrede ydelser?\". ".repeat(3)
            + "Kilde: Innovationsbarometeret.";

    static StatTable table() {
        Dimension sector = new Dimension("sector", LocalizedText.daEn("sektor", "sector"), List.of(
                new Category("state", LocalizedText.daEn("Statslig", "State")),
                new Category("region", LocalizedText.daEn("Regional", "Regional")),
                new Category("municipality", LocalizedText.daEn("Kommunal", "Municipal"))));
        Dimension answer = new Dimension("answer", LocalizedText.daEn("svar", "answer"), List.of(
                new Category("yes", LocalizedText.daEn("Ja", "Yes")),
                new Category("no", LocalizedText.daEn("Nej", "No"))));
        List<Cell> cells = List.of(
                Cell.shown(81.234, 77.05, 85.449, 412), Cell.shown(18.766, 14.551, 22.95, 412),
                Cell.suppressed(), Cell.suppressed(),
                Cell.shown(100.0, null, null, 37), Cell.shown(0.0, null, null, 37));
        return new StatTable("IB2026F3", "INNO", List.of("da", "en"),
                LocalizedText.daEn("Innovation i den offentlige sektor", "Innovation in the public sector"),
                LocalizedText.daEn("Arbejdspladser der har innoveret, efter sektor og svar", "Workplaces that innovated, by sector and answer"),
                LocalizedText.daEn("Andel af arbejdspladser", "Share of workplaces"),
                LocalizedText.daEn("pct.", "per cent"),
                LocalizedText.daEn(CAPTION_DA, "Figure 3. Share of workplaces that innovated, by sector."),
                1, List.of(sector), List.of(answer), cells, LocalDateTime.of(2026, 3, 1, 9, 30));
    }
}

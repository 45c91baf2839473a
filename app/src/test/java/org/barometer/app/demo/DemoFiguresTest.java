package org.barometer.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.compute.FigureResult;
import org.barometer.app.publish.compute.Publication;
/** The demo edition's figures, computed from its specification files, and their captions. */
class DemoFiguresTest {

    static Publication demo;

    @BeforeAll
    static void publish() throws EditionException {
        demo = DemoSimulation.standard();
    }

    @Test
    void everyFigureIsComputedWithSharesIntervalsAndCounts() {
        assertThat(demo.figures()).hasSize(13);
        for (FigureResult f : demo.figures()) {
            assertThat(f.cells()).isNotEmpty();
            for (FigureResult.Cell c : f.cells()) {
                if (!c.suppressed()) {
                    assertThat(c.low()).isLessThanOrEqualTo(c.estimate());
                    assertThat(c.high()).isGreaterThanOrEqualTo(c.estimate());
                    assertThat(c.count()).isGreaterThanOrEqualTo(demo.edition().minCellCount());
                } else {
                    assertThat(c.estimate()).isNull();
                    assertThat(c.count()).isNull();
                }
            }
        }
        FigureResult fig1 = demo.figureNumber("1");
        assertThat(fig1.n()).isBetween(1_700L, 1_950L);
        double tech = fig1.cell("all", "solution").estimate() + fig1.cell("all", "important").estimate();
        assertThat(tech).isBetween(0.30, 0.39);
    }

    @Test
    void figure1CaptionReadsAsTheSeedsInBothLanguages() {
        FigureResult f = demo.figureNumber("1");
        String en = f.caption(Locale.ENGLISH);
        String da = f.caption(Locale.of("da"));
        System.out.println("Figure 1 (en): " + en);
        System.out.println("Figure 1 (da): " + da);
        String n = String.format(Locale.US, "%,d", f.n());
        assertThat(en).startsWith("The figure shows whether the workplace's latest innovation is a technological innovation.")
                .contains("the question \u201cTo what extent is technology part of the latest innovation?\u201d")
                .contains("The question was asked of workplaces that introduced at least one innovation in 2018–2019.")
                .containsPattern("Don't know \\(\\d+ %\\) is not shown\\.")
                .contains("Data are weighted to represent the public sector.")
                .endsWith("n = " + n + ".");
        assertThat(da).contains("Ved ikke (").contains("er ikke vist.")
                .contains("Data er vægtet til at repræsentere den offentlige sektor.")
                .endsWith("n = " + n.replace(',', '.') + ".");
        assertThat(en).doesNotContain("significant");
    }

    @Test
    void figures4And8CaptionsNameTheItemsTheTestsFoundDifferent() {
        for (String number : new String[] {"4", "8"}) {
            FigureResult f = demo.figureNumber(number);
            String en = f.caption(Locale.ENGLISH);
            String da = f.caption(Locale.of("da"));
            System.out.println("Figure " + number + " (en): " + en);
            System.out.println("Figure " + number + " (da): " + da);
            assertThat(f.tests()).hasSize(f.spec().items().size());
            for (FigureResult.TestOutcome t : f.tests()) {
                String label = f.spec().items().stream().filter(i -> i.id().equals(t.item())).findFirst().orElseThrow()
                        .label().en();
                String lower = label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
                String sentence = t.significant() ? "The difference is significant at the 0.05 level for"
                        : "No statistically significant difference is observed for";
                int at = en.indexOf(sentence);
                assertThat(at).as(sentence).isGreaterThanOrEqualTo(0);
                String rest = en.substring(at, en.indexOf('.', en.indexOf("level", at) + 8) + 1);
                assertThat(rest).as("item %s (p = %s)", label, t.pValue()).contains(lower);
            }
            assertThat(en).contains("more than one answer could be given").endsWith("n = " + String.format(Locale.US, "%,d", f.n()) + ".");
            assertThat(da).contains("fordi der kunne gives flere svar").contains("0,05-niveau");
        }
        // the demo population makes quality, efficiency and private companies differ between tech and non-tech
        FigureResult fig4 = demo.figureNumber("4");
        assertThat(fig4.tests().stream().filter(t -> t.item().equals("efficiency")).findFirst().orElseThrow().significant()).isTrue();
        FigureResult fig8 = demo.figureNumber("8");
        assertThat(fig8.tests().stream().filter(t -> t.item().equals("private")).findFirst().orElseThrow().significant()).isTrue();
    }

    @Test
    void figure6CaptionGivesTheOverallTestResult() {
        FigureResult f = demo.figureNumber("6");
        String en = f.caption(Locale.ENGLISH);
        String da = f.caption(Locale.of("da"));
        System.out.println("Figure 6 (en): " + en);
        System.out.println("Figure 6 (da): " + da);
        assertThat(f.tests()).hasSize(1);
        FigureResult.TestOutcome t = f.tests().getFirst();
        System.out.printf("Figure 6 Rao–Scott F = %.3f on %.2f and %.1f df, p = %.3g%n", t.statistic(), t.numeratorDf(),
                t.denominatorDf(), t.pValue());
        if (t.pValue() < 0.05) {
            assertThat(en).contains("The overall difference is significant at the 0.05 level.");
            assertThat(da).contains("Den samlede forskel er signifikant på 0,05-niveau.");
        } else {
            assertThat(en).contains("No statistically significant overall difference is observed at the 0.05 level.");
            assertThat(da).contains("Der er ikke observeret nogen statistisk signifikant samlet forskel på 0,05-niveau.");
        }
        assertThat(t.pValue()).isLessThan(0.05); // the demo population differs by newness (71/81/86 % promoted)
        assertThat(f.series()).extracting(FigureResult.Series::id).containsExactly("new", "known", "nontech");
    }
}

package org.barometer.app.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * One edition of the demo's Danish series: its name in the database, its id and title in its edition files, the
 * period it measures, when its fieldwork ran, the seeds of its frame and answers, and the population shares its
 * synthetic answers are drawn to. The 2018–19 edition's shares are the ones its publication printed; the other
 * editions' shares are synthetic, chosen to look like a series (the demo says so on every page of them), except
 * the 2021–23 edition's technology shares, which follow that edition's publication.
 *
 * @param name               the edition's name in the database
 * @param id                 the id of its edition files ({@code edition.json}) and within the series
 * @param period             the period the edition measures, as its titles print it, e.g. {@code 2018–2019}
 * @param fieldworkStart     the first day of its fieldwork
 * @param frameSeed          the seed of its synthetic register and of its sample
 * @param answerSeed         the seed of its population's answers and of who answers
 * @param innovationByGov    the share of workplaces that innovated, by government level (state, regional, municipal)
 * @param technologyShare    the share of latest innovations that are technological (solution or important part)
 * @param technologySolution of those, the share where technology is the solution itself
 * @param synthetic          whether its shares are made up rather than published
 */
public record DemoVintage(String name, String id, String period, LocalDate fieldworkStart, long frameSeed,
                          long answerSeed, double[] innovationByGov, double technologyShare,
                          double technologySolution, boolean synthetic) {

    public DemoVintage {
        innovationByGov = innovationByGov.clone();
    }

    @Override
    public double[] innovationByGov() {
        return innovationByGov.clone();
    }

    /** The edition whose shares are those the 2018–19 publication printed (the demo's first edition). */
    public static final DemoVintage CURRENT = new DemoVintage("Innovation Barometer (demo)", "2019", "2018–2019",
            null, 2019, 2020, new double[] {0.84, 0.85, 0.80}, 0.344, 0.098 / 0.344, false);

    /** The Danish series: every edition, oldest first. */
    public static final List<DemoVintage> SERIES = List.of(
            new DemoVintage("Innovation Barometer 2013–14 (demo)", "2014", "2013–2014", LocalDate.of(2014, 9, 1),
                    2014, 2015, new double[] {0.80, 0.83, 0.76}, 0.30, 0.25, true),
            new DemoVintage("Innovation Barometer 2015–16 (demo)", "2016", "2015–2016", LocalDate.of(2016, 9, 1),
                    2016, 2017, new double[] {0.82, 0.84, 0.78}, 0.31, 0.27, true),
            CURRENT,
            new DemoVintage("Innovation Barometer 2021–23 (demo)", "2023", "2021–2023", LocalDate.of(2023, 9, 1),
                    2023, 2024, new double[] {0.81, 0.83, 0.77}, 0.37, 0.11 / 0.37, false));

    /** The edition's first day of fieldwork: its own, or today for the edition that takes answers now. */
    LocalDate start(LocalDate today) {
        return fieldworkStart == null ? today : fieldworkStart;
    }

    /** Whether this is the edition that takes answers now (the others are closed, their answers all in). */
    boolean open() {
        return fieldworkStart == null;
    }
}

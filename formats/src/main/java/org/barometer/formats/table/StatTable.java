package org.barometer.formats.table;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.barometer.formats.FormatInputException;
import org.barometer.formats.LocalizedText;

/**
 * A published table (one figure of the portal) in every language it is published in: stub dimensions (the
 * breakdown groups) down the side, heading dimensions (the answer categories) across, and per cell the estimate,
 * its interval bounds, n and whether it is shown. The writers add the measures ({@link Measure}) as the last
 * heading dimension.
 *
 * <p>Cells are listed in the order PX and JSON-stat both use: the stub dimensions, then the heading dimensions,
 * the last one varying fastest. For stub {@code sector} = (state, municipality) and heading {@code answer} = (yes,
 * no), the order is state·yes, state·no, municipality·yes, municipality·no.
 *
 * <p>Checked on construction: every text is there in every language; dimension codes are unique; dimension names
 * are unique within each language, as are category labels within a dimension (PX refers to them by name); the
 * number of cells is the product of the dimension sizes; shown cells have a finite estimate, finite or absent
 * bounds, and {@code n ≥ 0}.
 *
 * @param matrix      the table's id (PX {@code MATRIX}, a file name): letters, digits, {@code _}
 * @param subjectCode the subject area's code (PX {@code SUBJECT-CODE})
 * @param languages   the languages, the first being the default one
 * @param subjectArea the subject area's name
 * @param title       the table's title
 * @param contents    what the numbers are (PX {@code CONTENTS}), e.g. "Share of workplaces"
 * @param units       the unit of the estimate and its bounds, e.g. "per cent"
 * @param caption     the figure's caption, or {@link LocalizedText#empty()}
 * @param decimals    decimals of the estimate and its bounds, 0–15
 * @param stub        the dimensions down the side, possibly none
 * @param heading     the dimensions across, possibly none (the measures always follow)
 * @param cells       the cells, in the order described above
 * @param updated     when the numbers were computed, or {@code null}
 */
public record StatTable(String matrix, String subjectCode, List<String> languages, LocalizedText subjectArea,
        LocalizedText title, LocalizedText contents, LocalizedText units, LocalizedText caption, int decimals,
        List<Dimension> stub, List<Dimension> heading, List<Cell> cells, LocalDateTime updated) {

    /** Copies and checks everything (see the class description). */
    public StatTable {
        if (matrix == null || !matrix.matches("[A-Za-z0-9_]+")) throw new FormatInputException("matrix '" + matrix + "' must be letters, digits or '_'");
        if (subjectCode == null || subjectCode.isBlank()) throw new FormatInputException("the subject code is blank");
        languages = List.copyOf(languages);
        if (languages.isEmpty()) throw new FormatInputException("the table has no language");
        caption = caption == null ? LocalizedText.empty() : caption;
        if (decimals < 0 || decimals > 15) throw new FormatInputException("decimals " + decimals + " is not between 0 and 15");
        stub = List.copyOf(stub);
        heading = List.copyOf(heading);
        cells = List.copyOf(cells);
        for (String language : languages) {
            need(subjectArea, language, "the subject area");
            need(title, language, "the title");
            need(contents, language, "the contents");
            need(units, language, "the units");
            if (!caption.languages().isEmpty()) need(caption, language, "the caption");
        }
        List<Dimension> all = new ArrayList<>(stub);
        all.addAll(heading);
        Set<String> codes = new HashSet<>(Set.of(Measure.DIMENSION_CODE));
        for (Dimension d : all) {
            if (!codes.add(d.code())) throw new FormatInputException("dimension code '" + d.code() + "' is used twice or is reserved");
        }
        for (String language : languages) {
            Set<String> dimensionNames = new HashSet<>(Set.of(Measure.text(language, "measure")));
            for (Dimension d : all) {
                need(d.label(), language, "dimension '" + d.code() + "'");
                if (!dimensionNames.add(d.label().in(language))) {
                    throw new FormatInputException("dimension '" + d.code() + "': the " + language + " name '" + d.label().in(language)
                            + "' is used by another dimension");
                }
                Set<String> labels = new HashSet<>();
                for (Category c : d.categories()) {
                    need(c.label(), language, "dimension '" + d.code() + "', category '" + c.code() + "'");
                    if (!labels.add(c.label().in(language))) {
                        throw new FormatInputException("dimension '" + d.code() + "': the " + language + " label '" + c.label().in(language)
                                + "' is used by two categories");
                    }
                }
            }
        }
        long expected = 1;
        StringBuilder product = new StringBuilder();
        for (Dimension d : all) {
            expected *= d.size();
            product.append(product.isEmpty() ? "" : " × ").append(d.size());
        }
        if (cells.size() != expected) {
            throw new FormatInputException("the table has " + cells.size() + " cells; its dimensions ("
                    + (product.isEmpty() ? "none" : product) + ") make " + expected);
        }
        for (int i = 0; i < cells.size(); i++) checkCell(i, Objects.requireNonNull(cells.get(i), "cell"), all);
    }

    private static void need(LocalizedText text, String language, String what) {
        if (text == null || !text.has(language)) throw new FormatInputException(what + " has no '" + language + "' text");
    }

    private static void checkCell(int index, Cell c, List<Dimension> all) {
        if (c.isSuppressed()) return;
        String problem = null;
        if (c.estimate() == null || !Double.isFinite(c.estimate())) problem = "the estimate is not a finite number";
        else if (c.low() != null && !Double.isFinite(c.low())) problem = "the lower bound is not a finite number";
        else if (c.high() != null && !Double.isFinite(c.high())) problem = "the upper bound is not a finite number";
        else if (c.n() == null || c.n() < 0) problem = "n is missing or negative";
        if (problem != null) throw new FormatInputException("cell " + (index + 1) + " (" + place(index, all) + "): " + problem);
    }

    /** "sector=state, answer=yes" for the cell at {@code index}. */
    static String place(int index, List<Dimension> all) {
        List<String> parts = new ArrayList<>();
        int rest = index;
        for (int d = all.size() - 1; d >= 0; d--) {
            Dimension dim = all.get(d);
            parts.addFirst(dim.code() + "=" + dim.categories().get(rest % dim.size()).code());
            rest /= dim.size();
        }
        return String.join(", ", parts);
    }

    /** The stub and heading dimensions, in order (without the measures). */
    public List<Dimension> dimensions() {
        List<Dimension> all = new ArrayList<>(stub);
        all.addAll(heading);
        return all;
    }

    /** The dimension of the measures, labelled in every language of the table. */
    public Dimension measureDimension() {
        List<Category> categories = new ArrayList<>();
        for (Measure m : Measure.values()) categories.add(new Category(m.code(), localized(l -> m.label(l))));
        return new Dimension(Measure.DIMENSION_CODE, localized(l -> Measure.text(l, "measure")), categories);
    }

    /** A text made for each of the table's languages. */
    LocalizedText localized(java.util.function.Function<String, String> text) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String l : languages) m.put(l, text.apply(l));
        return new LocalizedText(m);
    }
}

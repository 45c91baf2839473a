package org.barometer.formats.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.barometer.formats.FormatInputException;

/**
 * Writes a {@link StatTable} as a JSON-stat 2.0 dataset ({@code "class": "dataset"}) in one language: {@code
 * version, class, label, updated, id, size, role, dimension} (each with {@code label} and {@code category.index} /
 * {@code category.label}), {@code value}, {@code status}, {@code note} and {@code extension}.
 *
 * <p>Conventions: the measures are the last dimension, {@code measure}, with the role {@code metric} and a
 * {@code category.unit} per measure (the table's unit and decimals for the estimate and its bounds, respondents
 * with 0 decimals for n). A suppressed cell has {@code null} values and the status {@code ".."} for all four
 * measures; a bound that does not exist has a {@code null} value and the status {@code "."}. {@code status} is an
 * object from value index to symbol, listing only such cells. The caption and the meaning of the symbols are the
 * dataset's {@code note}s; {@code extension} carries the matrix id, the contents text and the symbols again as an
 * object ({@code extension.symbols}). Values are written with full precision.
 */
public final class JsonStatWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String language;

    private JsonStatWriter(String language) {
        this.language = Objects.requireNonNull(language);
    }

    /** A writer of the labels in {@code language}. */
    public static JsonStatWriter of(String language) {
        return new JsonStatWriter(language);
    }

    /** Writes {@code table} to {@code out}. */
    public void write(StatTable table, OutputStream out) throws IOException {
        out.write(JSON.writeValueAsBytes(toJson(table)));
    }

    /** The dataset as a JSON tree. */
    public ObjectNode toJson(StatTable table) {
        if (!table.languages().contains(language)) {
            throw new FormatInputException("table '" + table.matrix() + "' is not published in '" + language + "'");
        }
        List<Dimension> dims = new ArrayList<>(table.dimensions());
        Dimension measures = table.measureDimension();
        dims.add(measures);

        ObjectNode root = JSON.createObjectNode();
        root.put("version", "2.0");
        root.put("class", "dataset");
        root.put("label", table.title().in(language));
        if (table.updated() != null) root.put("updated", table.updated().toLocalDate().toString());
        ArrayNode id = root.putArray("id");
        ArrayNode size = root.putArray("size");
        for (Dimension d : dims) {
            id.add(d.code());
            size.add(d.size());
        }
        root.putObject("role").putArray("metric").add(Measure.DIMENSION_CODE);
        ObjectNode dimension = root.putObject("dimension");
        for (Dimension d : dims) {
            ObjectNode node = dimension.putObject(d.code());
            node.put("label", d.label().in(language));
            ObjectNode category = node.putObject("category");
            ArrayNode index = category.putArray("index");
            ObjectNode labels = category.putObject("label");
            for (Category c : d.categories()) {
                index.add(c.code());
                labels.put(c.code(), c.label().in(language));
            }
            if (d == measures) {
                ObjectNode unit = category.putObject("unit");
                for (Measure m : Measure.values()) {
                    ObjectNode u = unit.putObject(m.code());
                    u.put("label", m == Measure.N ? Measure.text(language, "units.n") : table.units().in(language));
                    u.put("decimals", m == Measure.N ? 0 : table.decimals());
                }
            }
        }
        ArrayNode value = root.putArray("value");
        ObjectNode status = JSON.createObjectNode();
        int i = 0;
        for (Cell cell : table.cells()) {
            for (Measure m : Measure.values()) {
                Double v = m.of(cell);
                if (cell.isSuppressed()) {
                    value.addNull();
                    status.put(Integer.toString(i), "..");
                } else if (v == null) {
                    value.addNull();
                    status.put(Integer.toString(i), ".");
                } else if (m == Measure.N) {
                    value.add(cell.n());
                } else {
                    value.add(v);
                }
                i++;
            }
        }
        if (!status.isEmpty()) root.set("status", status);
        ArrayNode note = root.putArray("note");
        String caption = table.caption().inOrEmpty(language).strip();
        if (!caption.isEmpty()) note.add(caption);
        note.add(Measure.text(language, "symbol.suppressed"));
        note.add(Measure.text(language, "symbol.unavailable"));
        ObjectNode extension = root.putObject("extension");
        extension.put("matrix", table.matrix());
        extension.put("contents", table.contents().in(language));
        ObjectNode symbols = extension.putObject("symbols");
        symbols.put("..", Measure.text(language, "symbol.suppressed"));
        symbols.put(".", Measure.text(language, "symbol.unavailable"));
        return root;
    }
}

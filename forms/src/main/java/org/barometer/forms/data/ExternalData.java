package org.barometer.forms.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one pre-fill mechanism of a questionnaire: where {@code pulldata(table, column, keyColumn, key)} finds its
 * value. A form reads a register value (a workplace's size as the sampling frame has it) or a value from a CSV
 * file shipped in the form's ZIP the same way; the server implements the tables it holds itself (the register)
 * and chains them with the form's CSV files:
 *
 * <pre>
 * ExternalData data = register.orElse(ExternalData.of(formPackage.tables()));
 * AnswerEngine engine = AnswerEngine.of(form, clock, data);
 * </pre>
 *
 * The key that picks a respondent's row is an answer like any other, typically a {@code hidden} question whose
 * value the server fills in when it creates the response ({@code pulldata('register', 'employees', 'id',
 * ${workplace_id})}). Implementations are thread-safe and never fail: an unknown table, column or key gives an
 * empty value.
 */
public interface ExternalData {

    /** No tables. */
    ExternalData NONE = new ExternalData() {
        @Override
        public Optional<String> lookup(String table, String column, String keyColumn, String key) {
            return Optional.empty();
        }

        @Override
        public Set<String> tables() {
            return Set.of();
        }
    };

    /**
     * The value of {@code column} in the row of {@code table} whose {@code keyColumn} is {@code key}; empty when
     * there is no such table, column or row.
     */
    Optional<String> lookup(String table, String column, String keyColumn, String key);

    /** The names of the tables this source answers for (as pulldata() names them: {@code fruits}, {@code register}). */
    Set<String> tables();

    /** Looks in this source first, then in {@code other} for the tables this one does not have. */
    default ExternalData orElse(ExternalData other) {
        Objects.requireNonNull(other, "other");
        ExternalData first = this;
        return new ExternalData() {
            @Override
            public Optional<String> lookup(String table, String column, String keyColumn, String key) {
                return first.tables().contains(table) ? first.lookup(table, column, keyColumn, key)
                        : other.lookup(table, column, keyColumn, key);
            }

            @Override
            public Set<String> tables() {
                java.util.Set<String> all = new java.util.LinkedHashSet<>(first.tables());
                all.addAll(other.tables());
                return java.util.Collections.unmodifiableSet(all);
            }
        };
    }

    /** The CSV tables of a form's ZIP, each known by its file name without {@code .csv}. */
    static ExternalData of(List<Table> tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table t : tables) {
            byName.putIfAbsent(t.baseName(), t);
        }
        return new ExternalData() {
            @Override
            public Optional<String> lookup(String table, String column, String keyColumn, String key) {
                Table t = byName.get(table);
                return t == null ? Optional.empty() : t.lookup(column, keyColumn, key);
            }

            @Override
            public Set<String> tables() {
                return java.util.Collections.unmodifiableSet(byName.keySet());
            }
        };
    }
}

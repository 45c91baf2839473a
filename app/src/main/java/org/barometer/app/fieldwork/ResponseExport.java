package org.barometer.app.fieldwork;

import org.barometer.formats.sheet.SpreadsheetText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.edition.FormCache;
import org.barometer.app.respond.ResponseStore;
import org.barometer.forms.codebook.Codebook;
import org.barometer.forms.engine.AnswerEngine;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jdbi.v3.core.Jdbi;

/**
 * The responses of an edition as CSV (codes or labels) and as XLSX with the codebook. One row per started
 * response; one column per codebook variable (calculations computed from the answers), after the workplace, its
 * stratum, the response state and paradata. Every text cell is neutralised against formula injection
 * ({@link SpreadsheetText}); markup in answers is written as the text it is.
 */
public final class ResponseExport {
    private static final List<String> FIXED = List.of("workplace_id", "stratum", "state", "submitted_at", "sittings",
            "saves", "device_class", "seconds_on_pages");

    private final ResponseStore responses;
    private final FormCache forms;

    public ResponseExport(Jdbi jdbi, FormCache forms) {
        this.responses = new ResponseStore(jdbi);
        this.forms = forms;
    }

    /** A response's fixed columns and its answers. */
    private record Row(List<String> fixed, Map<String, String> values) {}

    private record Table(Codebook codebook, List<Row> rows) {}

    private Table table(long editionId, String language) {
        AnswerEngine engine = forms.forEdition(editionId)
                .orElseThrow(() -> new IllegalStateException("edition " + editionId + " has no questionnaire"));
        Codebook codebook = Codebook.of(engine.form(), engine.form().resolveLanguage(language).isPresent() ? language : null);
        List<Row> rows = new ArrayList<>();
        for (ResponseStore.Exported r : responses.exported(editionId)) {
            Map<String, String> values = new HashMap<>(r.answers());
            values.putAll(engine.calculatedValues(r.answers()));
            rows.add(new Row(List.of(r.workplaceId(), r.stratum(), r.state(), r.submittedAt(), Integer.toString(r.sittings()),
                    Integer.toString(r.saves()), r.deviceClass(), Long.toString(r.secondsOnPages())), values));
        }
        return new Table(codebook, rows);
    }

    /** The header of the data: fixed columns, then the codebook's variables. */
    private static List<String> header(Codebook codebook) {
        List<String> header = new ArrayList<>(FIXED);
        codebook.variables().forEach(v -> header.add(v.name()));
        return header;
    }

    private static String cell(Codebook.Variable v, String value, boolean labels) {
        if (value == null) {
            return "";
        }
        if (!labels || v.values().isEmpty()) {
            return value;
        }
        Map<String, String> byCode = new LinkedHashMap<>();
        v.values().forEach(l -> byCode.put(l.code(), l.label()));
        List<String> out = new ArrayList<>();
        for (String code : value.strip().split("\\s+")) {
            out.add(byCode.getOrDefault(code, code));
        }
        return String.join("; ", out);
    }

    /** CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the Danish letters right). */
    public void csv(long editionId, boolean labels, String language, OutputStream out) throws IOException {
        Table t = table(editionId, language);
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.write(SpreadsheetText.csvLine(header(t.codebook())).getBytes(StandardCharsets.UTF_8));
        for (Row row : t.rows()) {
            List<String> cells = new ArrayList<>(row.fixed());
            for (Codebook.Variable v : t.codebook().variables()) {
                cells.add(cell(v, row.values().get(v.name()), labels));
            }
            out.write(SpreadsheetText.csvLine(cells).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** XLSX: a sheet of codes, a sheet of labels, and the codebook. */
    public void xlsx(long editionId, String language, OutputStream out) throws IOException {
        Table t = table(editionId, language);
        Workbook wb = new Workbook(out, "Barometer", "1.0");
        writeData(wb.newWorksheet("responses"), t, false);
        writeData(wb.newWorksheet("labels"), t, true);
        Worksheet cb = wb.newWorksheet("codebook");
        String[] head = {"variable", "label", "type", "page", "required", "routing", "values"};
        for (int c = 0; c < head.length; c++) {
            cb.value(0, c, head[c]);
        }
        int r = 1;
        for (Codebook.Variable v : t.codebook().variables()) {
            List<String> values = new ArrayList<>();
            v.values().forEach(l -> values.add(l.code() + " = " + l.label()));
            String[] cells = {v.name(), v.label(), v.type(), v.page(), v.required() ? "yes" : "no",
                    v.routing() == null ? "" : v.routing(), String.join("; ", values)};
            for (int c = 0; c < cells.length; c++) {
                cb.value(r, c, SpreadsheetText.neutralise(cells[c]));
            }
            r++;
        }
        wb.finish();
    }

    private static void writeData(Worksheet ws, Table t, boolean labels) {
        List<String> header = header(t.codebook());
        for (int c = 0; c < header.size(); c++) {
            ws.value(0, c, header.get(c));
        }
        int r = 1;
        for (Row row : t.rows()) {
            int c = 0;
            for (String fixed : row.fixed()) {
                ws.value(r, c++, SpreadsheetText.neutralise(fixed));
            }
            for (Codebook.Variable v : t.codebook().variables()) {
                String value = cell(v, row.values().get(v.name()), labels);
                boolean numeric = !labels && (v.type().equals("integer") || v.type().equals("decimal"))
                        && value.matches("-?\\d+(\\.\\d+)?");
                if (numeric) {
                    ws.value(r, c++, Double.parseDouble(value));
                } else {
                    ws.value(r, c++, SpreadsheetText.neutralise(value));
                }
            }
            r++;
        }
    }

    /** The status list of an edition as CSV (one row per invitation). */
    public static void statusCsv(List<MonitorStore.Status> list, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.write(SpreadsheetText.csvLine(List.of("workplace_id", "workplace_name", "stratum", "email", "language", "status",
                "started_at", "submitted_at", "sittings", "saves", "device_class")).getBytes(StandardCharsets.UTF_8));
        for (MonitorStore.Status s : list) {
            out.write(SpreadsheetText.csvLine(java.util.Arrays.asList(s.workplaceId(), s.workplaceName(), s.stratum(), s.email(),
                    s.language(), s.status(), nz(s.startedAt()), nz(s.submittedAt()),
                    s.sittings() == null ? "" : s.sittings().toString(), s.saves() == null ? "" : s.saves().toString(),
                    nz(s.deviceClass()))).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

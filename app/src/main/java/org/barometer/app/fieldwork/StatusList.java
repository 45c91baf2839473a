package org.barometer.app.fieldwork;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.barometer.formats.sheet.SpreadsheetText;

/**
 * The monitor's status list as CSV: one row per invitation with its disposition and paradata, safe for spreadsheets
 * ({@link SpreadsheetText}). The answers themselves leave only as microdata, from the analysis page.
 */
final class StatusList {
    private StatusList() {}

    /** The status list of an edition as CSV (one row per invitation). */
    static void csv(List<MonitorStore.Status> list, OutputStream out) throws IOException {
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

package org.barometer.app.fieldwork;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The fieldwork monitor's figures, straight from the database at each request: per stratum and overall, the
 * AAPOR dispositions of the workplaces ({@link Counts}) and the response rates RR1 and RR2.
 */
public final class MonitorStore {
    private final Jdbi jdbi;

    public MonitorStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The counts of one stratum (or of all, with stratum null), in the terms of AAPOR's Standard Definitions as they
     * apply to a list sample whose every unit is eligible (see docs/fieldwork.md): sampled (has a personal link),
     * invited (an invitation mail was handed to the mail server), delivered (accepted: invited and not bounced), opened (the
     * link visited), started (at least one page saved), partial (started, not submitted), complete (submitted),
     * opted out and bounced.
     */
    public record Counts(String stratum, int sampled, int invited, int delivered, int opened, int started, int partial,
                         int completed, int optedOut, int bounced) {
        /** AAPOR's response rate 1: complete interviews over all eligible (every sampled workplace); 0 when none. */
        public double rr1() {
            return sampled == 0 ? 0 : (double) completed / sampled;
        }

        /** AAPOR's response rate 2: complete and partial interviews over all eligible; 0 when none. */
        public double rr2() {
            return sampled == 0 ? 0 : (double) (completed + partial) / sampled;
        }

        public String rr1Percent() {
            return String.format(java.util.Locale.ROOT, "%.1f", 100 * rr1());
        }

        public String rr2Percent() {
            return String.format(java.util.Locale.ROOT, "%.1f", 100 * rr2());
        }

        int[] values() {
            return new int[] {sampled, invited, delivered, opened, started, partial, completed, optedOut, bounced};
        }
    }

    /** Per stratum, in the natural order of the stratum names (3-9 before 10-49 before 100+). */
    public List<Counts> byStratum(long editionId) {
        List<Counts> counts = jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.stratum,
                               count(*) AS sampled,
                               count(*) FILTER (WHERE mailed.invitation_id IS NOT NULL) AS invited,
                               count(*) FILTER (WHERE mailed.invitation_id IS NOT NULL AND i.bounced_at IS NULL) AS delivered,
                               count(r.id) AS opened,
                               count(*) FILTER (WHERE r.saves > 0 OR r.state = 'submitted') AS started,
                               count(*) FILTER (WHERE r.saves > 0 AND r.state <> 'submitted') AS partial,
                               count(*) FILTER (WHERE r.state = 'submitted') AS completed,
                               count(*) FILTER (WHERE i.opted_out_at IS NOT NULL) AS opted_out,
                               count(*) FILTER (WHERE i.bounced_at IS NOT NULL) AS bounced
                        FROM fieldwork_invitation i
                        LEFT JOIN respond_response r ON r.invitation_id = i.id
                        LEFT JOIN (SELECT DISTINCT o.invitation_id FROM fieldwork_outbox o
                                   JOIN fieldwork_mailing m ON m.id = o.mailing_id
                                   WHERE o.state IN ('sent', 'bounced') AND m.kind = 'invitation') mailed
                               ON mailed.invitation_id = i.id
                        WHERE i.edition_id = ? AND NOT i.test GROUP BY i.stratum""")
                .bind(0, editionId)
                .map((rs, ctx) -> new Counts(rs.getString("stratum"), rs.getInt("sampled"), rs.getInt("invited"),
                        rs.getInt("delivered"), rs.getInt("opened"), rs.getInt("started"), rs.getInt("partial"),
                        rs.getInt("completed"), rs.getInt("opted_out"), rs.getInt("bounced")))
                .list());
        return counts.stream().sorted(java.util.Comparator.comparing(Counts::stratum, NATURAL)).toList();
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    /** Stratum names compared with their numbers as numbers ("municipality × 10-49" before "… × 100+"). */
    static final java.util.Comparator<String> NATURAL = (a, b) -> {
        java.util.regex.Matcher x = DIGITS.matcher(a);
        java.util.regex.Matcher y = DIGITS.matcher(b);
        int i = 0;
        int j = 0;
        while (x.find(i) && y.find(j)) {
            int text = a.substring(i, x.start()).compareTo(b.substring(j, y.start()));
            if (text != 0) {
                return text;
            }
            int number = new java.math.BigInteger(x.group()).compareTo(new java.math.BigInteger(y.group()));
            if (number != 0) {
                return number;
            }
            i = x.end();
            j = y.end();
        }
        return a.substring(i).compareTo(b.substring(j));
    };

    /** The sum over strata. */
    public static Counts total(List<Counts> strata) {
        int[] t = new int[9];
        for (Counts c : strata) {
            int[] v = c.values();
            for (int k = 0; k < t.length; k++) {
                t[k] += v[k];
            }
        }
        return new Counts(null, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]);
    }

    /** One workplace's fieldwork status, for the status list export. */
    public record Status(String workplaceId, String workplaceName, String stratum, String email, String language,
                         String status, String startedAt, String submittedAt, Integer sittings, Integer saves,
                         String deviceClass) {}

    /** Every invitation of the edition with its status, in workplace order. */
    public List<Status> statusList(long editionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.workplace_id, i.workplace_name, i.stratum, i.email, i.language,
                               CASE WHEN r.state = 'submitted' THEN 'completed'
                                    WHEN i.bounced_at IS NOT NULL THEN 'bounced'
                                    WHEN i.opted_out_at IS NOT NULL THEN 'opted_out'
                                    WHEN r.id IS NOT NULL THEN 'started'
                                    WHEN EXISTS (SELECT 1 FROM fieldwork_outbox o WHERE o.invitation_id = i.id AND o.state = 'sent')
                                         THEN 'invited'
                                    ELSE 'not_invited' END AS status,
                               to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
                               to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS submitted_at,
                               r.sittings, r.saves, r.device_class
                        FROM fieldwork_invitation i LEFT JOIN respond_response r ON r.invitation_id = i.id
                        WHERE i.edition_id = ? AND NOT i.test ORDER BY i.workplace_id""")
                .bind(0, editionId)
                .map((rs, ctx) -> new Status(rs.getString("workplace_id"), rs.getString("workplace_name"),
                        rs.getString("stratum"), rs.getString("email"), rs.getString("language"), rs.getString("status"),
                        rs.getString("started_at"), rs.getString("submitted_at"), (Integer) rs.getObject("sittings"),
                        (Integer) rs.getObject("saves"), rs.getString("device_class")))
                .list());
    }

    /** A response for the admin's list (to reopen a submitted one). */
    public record ResponseRow(long id, String workplaceId, String workplaceName, String state, String submittedAt) {}

    public List<ResponseRow> submitted(long editionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT r.id, i.workplace_id, i.workplace_name, r.state,
                               to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS submitted_at
                        FROM respond_response r JOIN fieldwork_invitation i ON i.id = r.invitation_id
                        WHERE i.edition_id = ? AND NOT i.test AND r.state = 'submitted' ORDER BY r.submitted_at DESC LIMIT ?""")
                .bind(0, editionId).bind(1, limit)
                .map((rs, ctx) -> new ResponseRow(rs.getLong("id"), rs.getString("workplace_id"),
                        rs.getString("workplace_name"), rs.getString("state"), rs.getString("submitted_at")))
                .list());
    }

    /**
     * An accessible bar chart of the overall counts as SVG: one labelled bar per measure, with a title and a
     * description that say the same as the table beside it. Every text is escaped here.
     */
    public static String chartSvg(Counts total, List<String> labels, String title, String description) {
        int[] values = total.values();
        int max = 1;
        for (int v : values) {
            max = Math.max(max, v);
        }
        int rowHeight = 32;
        int labelWidth = 150;
        int barWidth = 400;
        int height = rowHeight * values.length + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" ")
                .append("viewBox=\"0 0 ").append(labelWidth + barWidth + 80).append(' ').append(height)
                .append("\" width=\"100%\" class=\"chart\">");
        svg.append("<title id=\"chart-title\">").append(xml(title)).append("</title>");
        svg.append("<desc id=\"chart-desc\">").append(xml(description)).append("</desc>");
        List<String> colours = new ArrayList<>(List.of("#505a5f", "#1d70b8", "#1d70b8", "#003078", "#003078",
                "#6f4e7c", "#00703c", "#6f4e7c", "#d4351c"));
        for (int i = 0; i < values.length; i++) {
            int y = 5 + i * rowHeight;
            int w = (int) Math.round((double) barWidth * values[i] / max);
            svg.append("<text x=\"0\" y=\"").append(y + 20).append("\" font-size=\"14\" fill=\"#0b0c0c\">")
                    .append(xml(labels.get(i))).append("</text>");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 4).append("\" width=\"")
                    .append(Math.max(w, 1)).append("\" height=\"22\" fill=\"").append(colours.get(i)).append("\"/>");
            svg.append("<text x=\"").append(labelWidth + Math.max(w, 1) + 6).append("\" y=\"").append(y + 20)
                    .append("\" font-size=\"14\" fill=\"#0b0c0c\">").append(values[i]).append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}

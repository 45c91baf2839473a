package org.barometer.app.selftest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.barometer.app.testing.Browser;
import org.barometer.app.testing.WebClient;
import org.jdbi.v3.core.Jdbi;

/** What the self-test's tests share: the demo's answers, a participant over HTTP, the database's tables compared. */
public final class SelfTestFixtures {
    private SelfTestFixtures() {
    }

    /** An answer to each question of the demo's self-test. */
    public static final Map<String, String> ANSWERS = answers("yes");

    /**
     * The tables a completed self-test may change: its counters, and what every anonymous visitor of a form leaves
     * (the session that holds the form's CSRF token, with no user) and the rate counter of the admission control
     * (a count per client and minute, forgotten after two minutes).
     */
    public static final Set<String> COUNTER_TABLES_AND_INFRASTRUCTURE = Set.of("selftest_usage", "selftest_answer",
            "selftest_group", "selftest_group_answer", "web_session", "http_rate");

    private static Map<String, String> answers(String service) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("inno_service", service);
        a.put("inno_process", "no");
        a.put("inno_organisation", "yes");
        a.put("inno_communication", "dont_know");
        a.put("cult_curious", "completely_agree");
        a.put("cult_ideas", "partly_agree");
        a.put("cult_failure", "partly_disagree");
        a.put("cult_users", "completely_agree");
        a.put("cult_learn", "partly_agree");
        return java.util.Collections.unmodifiableMap(a);
    }

    /** The answers of the i-th participant of a group: the first three say yes to new services, the rest no. */
    public static Map<String, String> participant(int i) {
        return answers(i < 3 ? "yes" : "no");
    }

    /** Takes the self-test over HTTP as a new visitor: the questions page (for its form's token), then the answers. */
    public static WebClient.Response take(WebClient visitor, String group, String code, Map<String, String> answers) {
        WebClient.Response questions = visitor.get("/portal/self-test/questions?lang=da&group=" + group + "&code=" + code);
        if (questions.status() != 200) {
            return questions;
        }
        return visitor.post("/portal/self-test/result", form(group, code, answers));
    }

    /** The result form's fields. */
    public static Map<String, String> form(String group, String code, Map<String, String> answers) {
        Map<String, String> fields = new LinkedHashMap<>(answers);
        fields.put("group", group);
        fields.put("code", code);
        fields.put("_seen", String.join(" ", ANSWERS.keySet()));
        return fields;
    }

    /** A table's row count and a digest of all its rows. */
    public record Table(long rows, String digest) {}

    /** Every table of the schema with its rows' digest (Flyway's history aside). */
    public static Map<String, Table> tables(Jdbi jdbi) {
        Map<String, Table> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            List<String> names = h.createQuery("""
                    select table_name from information_schema.tables
                    where table_schema = current_schema() and table_type = 'BASE TABLE'
                      and table_name <> 'flyway_schema_history' order by table_name""").mapTo(String.class).list();
            for (String name : names) {
                out.put(name, h.createQuery("select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                        + " from \"" + name + "\" t").map((rs, c) -> new Table(rs.getLong(1), rs.getString(2))).one());
            }
        });
        return out;
    }

    /** The tables whose rows differ, with their row counts before and after. */
    public static Map<String, String> changed(Map<String, Table> before, Map<String, Table> after) {
        Map<String, String> out = new LinkedHashMap<>();
        after.forEach((name, t) -> {
            Table b = before.get(name);
            if (b == null || !b.equals(t)) {
                out.put(name, (b == null ? "new" : b.rows()) + " → " + t.rows() + " rows");
            }
        });
        return out;
    }

    /** Posts a form of the page from the page itself (its session, its token) and returns the answer's bytes. */
    public static byte[] postFormInBrowser(Browser browser, String formSelector) {
        Object result = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector(arguments[0]);
                fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin'})
                  .then(r => r.ok ? r.arrayBuffer() : Promise.reject('status ' + r.status))
                  .then(b => { const u = new Uint8Array(b); let s = '';
                               for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
                               done(btoa(s)); })
                  .catch(e => done('failed: ' + e));""", formSelector);
        String text = String.valueOf(result);
        if (text.startsWith("failed: ")) {
            throw new AssertionError("the form's POST " + text);
        }
        return java.util.Base64.getDecoder().decode(text);
    }
}

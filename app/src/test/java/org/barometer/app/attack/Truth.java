package org.barometer.app.attack;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.barometer.app.testing.TestServer;

/**
 * The ground truth an attack is judged by, read from the database (never given to the attacker): every weighted
 * respondent's answers as submitted, with the questionnaire's calculations the tests filter on ({@code innovator},
 * {@code size_group}) worked out as the questionnaire does.
 */
final class Truth {
    /** One respondent: the response id and its answers (a missing answer is ""). */
    record Respondent(long id, Map<String, String> answers) {
        String get(String variable) {
            return answers.getOrDefault(variable, "");
        }
    }

    /** A conjunction of {@code ${variable} = 'value'} conditions, as a filter and as a predicate. */
    record Cond(List<String[]> equalities) implements Predicate<Respondent> {
        static Cond of(String... pairs) {
            List<String[]> eq = new ArrayList<>();
            for (int i = 0; i < pairs.length; i += 2) {
                eq.add(new String[] {pairs[i], pairs[i + 1]});
            }
            return new Cond(List.copyOf(eq));
        }

        Cond and(String variable, String value) {
            List<String[]> eq = new ArrayList<>(equalities);
            eq.add(new String[] {variable, value});
            return new Cond(List.copyOf(eq));
        }

        @Override
        public boolean test(Respondent r) {
            for (String[] e : equalities) {
                if (!r.get(e[0]).equals(e[1])) {
                    return false;
                }
            }
            return true;
        }

        String filter() {
            return equalities.stream().map(e -> e[0].equals("innovator") ? "${innovator} = " + e[1]
                    : "${" + e[0] + "} = '" + e[1] + "'").collect(Collectors.joining(" and "));
        }
    }

    /**
     * The edition's classification variables, the only ones a public filter may name ({@code explorer.filters}; the
     * derived {@code size} is {@code size_group}): what the register tells of every workplace.
     */
    static final List<String> CLASSIFICATION = List.of("gov_level", "area", "size_group");

    static final Map<String, List<String>> CATEGORIES = Map.of(
            "gov_level", List.of("state", "region", "municipality"),
            "area", List.of("judiciary", "administration", "education", "health", "care", "childcare", "other"),
            "size_group", List.of("3-9", "10-49", "50-99", "100+"));

    /** Every cell of gov_level × area × size_group, as a condition, in a fixed order. */
    static List<Cond> cells() {
        List<Cond> out = new ArrayList<>();
        for (String g : CATEGORIES.get("gov_level")) {
            for (String a : CATEGORIES.get("area")) {
                for (String s : CATEGORIES.get("size_group")) {
                    out.add(Cond.of("gov_level", g, "area", a, "size_group", s));
                }
            }
        }
        return out;
    }

    /** A respondent's own classification cell. */
    static Cond cellOf(Respondent r) {
        return Cond.of("gov_level", r.get("gov_level"), "area", r.get("area"), "size_group", r.get("size_group"));
    }

    final List<Respondent> respondents;

    private Truth(List<Respondent> respondents) {
        this.respondents = respondents;
    }

    /** The respondents of the edition's newest weights, that is of its publication. */
    static Truth load(TestServer server, long editionId) {
        List<Map.Entry<Long, String>> rows = server.jdbi().withHandle(h -> h.createQuery("""
                select r.id, r.answers::text from respond_response r
                join analysis_weight w on w.response_id = r.id
                where w.weights_id = (select max(id) from analysis_weights where edition_id = :e)
                order by r.id""").bind("e", editionId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list());
        List<Respondent> out = new ArrayList<>();
        for (Map.Entry<Long, String> row : rows) {
            Map<String, String> a;
            try {
                a = new LinkedHashMap<>(Attacker.JSON.readValue(row.getValue(), new TypeReference<Map<String, String>>() {
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean innovator = List.of("inno_service", "inno_process", "inno_organisation", "inno_communication")
                    .stream().anyMatch(v -> "yes".equals(a.get(v)));
            a.put("innovator", innovator ? "1" : "0");
            int employees = Integer.parseInt(a.get("employees"));
            a.put("size_group", employees < 10 ? "3-9" : employees < 50 ? "10-49" : employees < 100 ? "50-99" : "100+");
            out.add(new Respondent(row.getKey(), Map.copyOf(a)));
        }
        return new Truth(List.copyOf(out));
    }

    /**
     * A conjunction of the target's own answers to a few of {@code variables} (at most {@code maxEqualities}) that
     * selects between 1 and {@code most} of {@code among}, the target one of them; null when none is found in
     * {@code tries} random draws. What an attacker finds by trial; the test finds it here to save requests.
     */
    static Cond narrowing(java.util.Random random, Respondent target, List<Respondent> among, List<String> variables,
                          int maxEqualities, int most, int tries) {
        for (int t = 0; t < tries; t++) {
            List<String> shuffled = new ArrayList<>(variables);
            java.util.Collections.shuffle(shuffled, random);
            int size = 2 + random.nextInt(Math.max(1, maxEqualities - 1));
            Cond c = new Cond(List.of());
            for (String v : shuffled) {
                if (c.equalities().size() >= size) {
                    break;
                }
                if (!target.get(v).isEmpty()) {
                    c = c.and(v, target.get(v));
                }
            }
            if (c.equalities().isEmpty()) {
                continue;
            }
            Cond found = c;
            long n = among.stream().filter(found).count();
            if (n >= 1 && n <= most && found.test(target)) {
                return found;
            }
        }
        return null;
    }

    List<Respondent> select(Predicate<Respondent> p) {
        return respondents.stream().filter(p).toList();
    }

    int count(Predicate<Respondent> p) {
        return (int) respondents.stream().filter(p).count();
    }

    /** The commonest answer among these respondents' answers to a variable. */
    static String modal(List<Respondent> rs, String variable) {
        return rs.stream().collect(Collectors.groupingBy(r -> r.get(variable), Collectors.counting())).entrySet()
                .stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse("");
    }
}

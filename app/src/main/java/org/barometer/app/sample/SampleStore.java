package org.barometer.app.sample;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.barometer.app.frame.Register;
import org.barometer.app.frame.FrameStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Drawing and storing stratified samples. The stored design carries, per stratum, the population count N_h
 * and the sample size n_h (for the finite population correction) and, per selected unit, its inclusion
 * probability π = n_h / N_h (for the design weight 1/π).
 */
public final class SampleStore {
    private final Jdbi jdbi;
    private final FrameStore frames;

    public SampleStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.frames = new FrameStore(jdbi);
    }

    /** A stratum of a stored sample. */
    public record StratumSize(String stratum, int population, int sampleSize, Double varianceGuess) {
        public double fraction() {
            return population == 0 ? 0 : (double) sampleSize / population;
        }
    }

    /** A stored sample. */
    public record Sample(long id, long frameId, AllocationMethod method, List<String> strataBy, int minimum,
                         long seed, OffsetDateTime drawnAt, List<StratumSize> strata) {
        public int sampleSize() {
            return strata.stream().mapToInt(StratumSize::sampleSize).sum();
        }

        public int population() {
            return strata.stream().mapToInt(StratumSize::population).sum();
        }
    }

    /** A selected unit with its frame data and design information. */
    public record SampledUnit(long frameUnitId, String workplaceId, String name, String managerName, String email,
                              String language, String stratum, double inclusionProbability) {}

    /** The population count N_h of every stratum of a frame under a stratification of its register, by key. */
    public Map<String, Integer> strata(long frameId, List<String> strataBy, Register register) {
        for (String v : strataBy) {
            if (!register.stratifiers().contains(v)) {
                throw new IllegalArgumentException("not a stratification variable: " + v);
            }
        }
        // Same key as Sampling.key(): the values joined by Sampling.KEY_SEPARATOR, a missing value as the empty string.
        String key = strataBy.stream().map(v -> FrameStore.valueSql("fu", v))
                .collect(Collectors.joining(" || '" + Sampling.KEY_SEPARATOR + "' || "));
        Map<String, Integer> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("select " + key + " as k, count(*) from frame_unit fu where fu.frame_id = :f group by 1")
                .bind("f", frameId)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /**
     * Allocates, selects and stores a sample of a frame; it becomes the sample of the frame's edition — unless the
     * edition's fieldwork has begun: once invitations exist the sample is locked.
     */
    public Sample draw(long frameId, Sampling.Spec spec, Long userId)
            throws AllocationException, SampleLockedException {
        return draw(frameId, spec, Register.BUILT_IN, userId);
    }

    /** As {@link #draw(long, Sampling.Spec, Long)}, for a frame of the given register. */
    public Sample draw(long frameId, Sampling.Spec spec, Register register, Long userId)
            throws AllocationException, SampleLockedException {
        Sampling.Draw<FrameStore.StoredUnit> draw = Sampling.draw(frames.units(frameId), FrameStore.StoredUnit::unit, spec,
                register.stratifiers());
        List<Allocator.Stratum> strata = draw.strata();
        Map<String, Integer> sizes = draw.sizes();
        Map<String, List<FrameStore.StoredUnit>> selected = draw.selected();

        long sampleId = jdbi.inTransaction(h -> {
            // the edition's row is locked first, so that invitations created meanwhile are seen (they lock it too)
            int invited = h.createQuery("""
                            SELECT count(*) FROM fieldwork_invitation
                            WHERE NOT test AND edition_id = (SELECT e.id FROM edition e JOIN frame f ON f.edition_id = e.id
                                                WHERE f.id = :f FOR UPDATE OF e)""")
                    .bind("f", frameId).mapTo(Integer.class).one();
            if (invited > 0) {
                throw new SampleLockedException(invited);
            }
            long id = h.createUpdate("""
                            insert into sample (frame_id, allocation, strata_by, requested_n, minimum_per_stratum, seed,
                                drawn_by)
                            values (:f, :a, :s, :n, :m, :seed, :u)""")
                    .bind("f", frameId).bind("a", spec.method().code()).bind("s", String.join(",", spec.strataBy()))
                    .bind("n", spec.method() == AllocationMethod.PROPORTIONAL || spec.method() == AllocationMethod.NEYMAN
                            ? spec.total() : null)
                    .bind("m", spec.minimum()).bind("seed", spec.seed()).bind("u", userId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            PreparedBatch stratumBatch = h.prepareBatch("""
                    insert into sample_stratum (sample_id, stratum, population, sample_size, variance_guess)
                    values (:s, :h, :N, :n, :v)""");
            PreparedBatch unitBatch = h.prepareBatch("""
                    insert into sample_unit (sample_id, frame_unit_id, stratum, inclusion_prob)
                    values (:s, :u, :h, :p)""");
            for (Allocator.Stratum s : strata) {
                int n = sizes.get(s.name());
                stratumBatch.bind("s", id).bind("h", s.name()).bind("N", s.population()).bind("n", n)
                        .bind("v", s.varianceGuess()).add();
                double pi = (double) n / s.population();
                for (FrameStore.StoredUnit u : selected.get(s.name())) {
                    unitBatch.bind("s", id).bind("u", u.id()).bind("h", s.name()).bind("p", pi).add();
                }
            }
            stratumBatch.execute();
            unitBatch.execute();
            h.execute("update edition set sample_id = ? where id = (select edition_id from frame where id = ?)", id,
                    frameId);
            return id;
        });
        return find(sampleId).orElseThrow();
    }

    public Optional<Sample> find(long sampleId) {
        return jdbi.withHandle(h -> {
            List<StratumSize> strata = h.createQuery("""
                            select stratum, population, sample_size, variance_guess from sample_stratum
                            where sample_id = ? order by stratum""")
                    .bind(0, sampleId)
                    .map((rs, c) -> new StratumSize(rs.getString(1), rs.getInt(2), rs.getInt(3),
                            (Double) rs.getObject(4)))
                    .list();
            return h.createQuery("""
                            select id, frame_id, allocation, strata_by, minimum_per_stratum, seed, drawn_at
                            from sample where id = ?""")
                    .bind(0, sampleId)
                    .map((rs, c) -> new Sample(rs.getLong(1), rs.getLong(2), AllocationMethod.fromCode(rs.getString(3)),
                            List.of(rs.getString(4).split(",")), rs.getInt(5), rs.getLong(6),
                            rs.getObject(7, OffsetDateTime.class), strata))
                    .findOne();
        });
    }

    /** The selected units of a sample, in workplace-id order. */
    public List<SampledUnit> units(long sampleId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select f.id, f.workplace_id, f.name, f.manager_name, f.manager_email, f.language, s.stratum,
                               s.inclusion_prob
                        from sample_unit s join frame_unit f on f.id = s.frame_unit_id
                        where s.sample_id = ? order by f.workplace_id""")
                .bind(0, sampleId)
                .map((rs, c) -> new SampledUnit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getDouble(8)))
                .list());
    }
}

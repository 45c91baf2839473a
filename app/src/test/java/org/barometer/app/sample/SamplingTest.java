package org.barometer.app.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.frame.FrameSchema;
import org.barometer.app.frame.FrameUnit;
import org.barometer.app.frame.FrameValidator;
import org.barometer.app.frame.FrameStore;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SamplingTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static long frameId;
    static long editionId;

    /** 600 workplaces: state 100, region 200, municipality 300, in two areas. */
    @BeforeAll
    static void frame() throws Exception {
        List<FrameUnit> units = new ArrayList<>();
        int row = 2;
        String[] levels = {"state", "region", "municipality"};
        int[] counts = {100, 200, 300};
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < counts[l]; i++) {
                String area = i % 2 == 0 ? "health" : "education";
                units.add(new FrameUnit(row++, levels[l] + "-" + i, "Workplace " + i, levels[l], area, 20,
                        "10-49", null, null, "m" + row + "@example.invalid", "da"));
            }
        }
        editionId = new EditionStore(db.jdbi()).create("sampling", 2026, null, null, List.of("da"), null).id();
        FrameValidator.Result result = new FrameValidator.Result(units, List.of(), java.util.Set.of(), units.size());
        frameId = new FrameStore(db.jdbi()).importFrame(editionId, "generated", result, false, null).id();
    }

    static Sampling.Spec spec(AllocationMethod method, int n, int min, long seed) {
        return new Sampling.Spec(List.of(FrameSchema.GOVERNMENT_LEVEL), method, n, min, Map.of(), Map.of(), seed);
    }

    @Test
    void proportionalSampleStoresStrataAndInclusionProbabilities() throws Exception {
        SampleStore samples = new SampleStore(db.jdbi());
        SampleStore.Sample s = samples.draw(frameId, spec(AllocationMethod.PROPORTIONAL, 60, 0, 42), null);
        assertThat(s.strata()).extracting(st -> st.stratum() + "=" + st.population() + "/" + st.sampleSize())
                .containsExactly("municipality=300/30", "region=200/20", "state=100/10");
        assertThat(s.sampleSize()).isEqualTo(60);
        assertThat(s.population()).isEqualTo(600);
        List<SampleStore.SampledUnit> units = samples.units(s.id());
        assertThat(units).hasSize(60);
        assertThat(units).allSatisfy(u -> assertThat(u.inclusionProbability()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12)));
        assertThat(units.stream().filter(u -> u.stratum().equals("state")).count()).isEqualTo(10);
        assertThat(units).allSatisfy(u -> assertThat(u.workplaceId()).startsWith(u.stratum() + "-"));
        assertThat(new EditionStore(db.jdbi()).find(editionId).orElseThrow().sampleId()).isEqualTo(s.id());
        // No unit twice (without replacement).
        assertThat(units.stream().map(SampleStore.SampledUnit::frameUnitId).distinct().count()).isEqualTo(60);
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() throws Exception {
        SampleStore samples = new SampleStore(db.jdbi());
        List<String> first = ids(samples, samples.draw(frameId, spec(AllocationMethod.PROPORTIONAL, 60, 0, 7), null));
        List<String> again = ids(samples, samples.draw(frameId, spec(AllocationMethod.PROPORTIONAL, 60, 0, 7), null));
        List<String> other = ids(samples, samples.draw(frameId, spec(AllocationMethod.PROPORTIONAL, 60, 0, 8), null));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<String> ids(SampleStore samples, SampleStore.Sample s) {
        return samples.units(s.id()).stream().map(SampleStore.SampledUnit::workplaceId).toList();
    }

    @Test
    void inclusionProbabilitiesDifferByStratumUnderAMinimum() throws Exception {
        SampleStore samples = new SampleStore(db.jdbi());
        SampleStore.Sample s = samples.draw(frameId, spec(AllocationMethod.PROPORTIONAL, 30, 8, 1), null);
        Map<String, Integer> n = new java.util.TreeMap<>();
        s.strata().forEach(st -> n.put(st.stratum(), st.sampleSize()));
        assertThat(n).containsEntry("state", 8);
        assertThat(n.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
        for (SampleStore.SampledUnit u : samples.units(s.id())) {
            SampleStore.StratumSize st = s.strata().stream().filter(x -> x.stratum().equals(u.stratum())).findFirst()
                    .orElseThrow();
            assertThat(u.inclusionProbability()).isEqualTo((double) st.sampleSize() / st.population());
        }
    }

    @Test
    void takeAllSelectsTheWholeFrame() throws Exception {
        SampleStore samples = new SampleStore(db.jdbi());
        SampleStore.Sample s = samples.draw(frameId, spec(AllocationMethod.TAKE_ALL, 0, 0, 1), null);
        assertThat(s.sampleSize()).isEqualTo(600);
        assertThat(samples.units(s.id())).allSatisfy(u -> assertThat(u.inclusionProbability()).isEqualTo(1.0));
    }

    @Test
    void defaultStrataCrossLevelAreaAndSize() {
        Map<String, Integer> strata = new SampleStore(db.jdbi()).strata(frameId, FrameSchema.DEFAULT_STRATA, org.barometer.app.frame.Register.BUILT_IN);
        assertThat(strata).containsEntry("state / health / 10-49", 50).containsEntry("municipality / education / 10-49", 150);
        assertThat(strata).hasSize(6);
    }

    @Test
    void neymanAndFixedAllocationsAreStored() throws Exception {
        SampleStore samples = new SampleStore(db.jdbi());
        SampleStore.Sample neyman = samples.draw(frameId, new Sampling.Spec(List.of(FrameSchema.GOVERNMENT_LEVEL),
                AllocationMethod.NEYMAN, 60, 0, Map.of("state", 9.0, "region", 1.0, "municipality", 1.0), Map.of(), 3),
                null);
        // strata in key order municipality, region, state; weights 300*1, 200*1, 100*3 → shares 22.5, 15, 22.5;
        // the tie for the last unit goes to the first stratum in key order
        assertThat(neyman.strata()).extracting(SampleStore.StratumSize::sampleSize).containsExactly(23, 15, 22);
        assertThat(neyman.strata()).extracting(SampleStore.StratumSize::varianceGuess).containsExactly(1.0, 1.0, 9.0);
        SampleStore.Sample fixed = samples.draw(frameId, new Sampling.Spec(List.of(FrameSchema.GOVERNMENT_LEVEL),
                AllocationMethod.FIXED, 0, 0, Map.of(), Map.of("state", 5, "region", 6, "municipality", 7), 3), null);
        assertThat(fixed.strata()).extracting(SampleStore.StratumSize::sampleSize).containsExactly(7, 6, 5);
        assertThat(samples.units(fixed.id())).hasSize(18);
    }

    @Test
    void aRefusedAllocationStoresNothing() {
        SampleStore samples = new SampleStore(db.jdbi());
        int before = db.jdbi().withHandle(h -> h.createQuery("select count(*) from sample").mapTo(Integer.class).one());
        assertThatThrownBy(() -> samples.draw(frameId, spec(AllocationMethod.PROPORTIONAL, 601, 0, 1), null))
                .isInstanceOf(AllocationException.class);
        assertThatThrownBy(() -> samples.draw(frameId, new Sampling.Spec(List.of("colour"),
                AllocationMethod.PROPORTIONAL, 10, 0, Map.of(), Map.of(), 1), null))
                .hasMessageStartingWith("sample.error.unknownVariable");
        int after = db.jdbi().withHandle(h -> h.createQuery("select count(*) from sample").mapTo(Integer.class).one());
        assertThat(after).isEqualTo(before);
    }
}

package org.barometer.app.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    static List<Allocator.Stratum> strata(int... populations) {
        List<Allocator.Stratum> list = new ArrayList<>();
        for (int i = 0; i < populations.length; i++) {
            list.add(new Allocator.Stratum("h" + i, populations[i], null, null));
        }
        return list;
    }

    @Test
    void proportionalAllocationFollowsPopulationShares() throws Exception {
        Map<String, Integer> n = Allocator.allocate(strata(100, 200, 700), AllocationMethod.PROPORTIONAL, 100, 0);
        assertThat(n).containsExactly(Map.entry("h0", 10), Map.entry("h1", 20), Map.entry("h2", 70));
    }

    @Test
    void roundingKeepsTheTotalExact() throws Exception {
        // Shares 33.3 each: largest remainders give one stratum the extra unit.
        Map<String, Integer> n = Allocator.allocate(strata(50, 50, 50), AllocationMethod.PROPORTIONAL, 100, 0);
        assertThat(n.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(n.values()).allSatisfy(v -> assertThat(v).isBetween(33, 34));
    }

    @Test
    void minimumPerStratumIsRespectedAndSmallStrataAreTakenWhole() throws Exception {
        Map<String, Integer> n = Allocator.allocate(strata(20, 3, 977), AllocationMethod.PROPORTIONAL, 100, 10);
        assertThat(n.get("h0")).isEqualTo(10);  // 2 proportionally, raised to the minimum
        assertThat(n.get("h1")).isEqualTo(3);   // smaller than the minimum: all of it
        assertThat(n.get("h2")).isEqualTo(87);  // the rest
    }

    @Test
    void allocationNeverExceedsTheStratum() throws Exception {
        Map<String, Integer> n = Allocator.allocate(
                List.of(new Allocator.Stratum("small", 10, 100.0, null), new Allocator.Stratum("big", 1000, 1.0, null)),
                AllocationMethod.NEYMAN, 60, 0);
        // Neyman would give 'small' 10*10/(100+1000)*60 ≈ 5.5; fine. Now force a cap:
        assertThat(n.get("small") + n.get("big")).isEqualTo(60);
        Map<String, Integer> capped = Allocator.allocate(
                List.of(new Allocator.Stratum("small", 10, 10000.0, null), new Allocator.Stratum("big", 1000, 1.0, null)),
                AllocationMethod.NEYMAN, 60, 0);
        assertThat(capped.get("small")).isEqualTo(10);
        assertThat(capped.get("big")).isEqualTo(50);
    }

    @Test
    void neymanAllocatesByPopulationTimesStandardDeviation() throws Exception {
        Map<String, Integer> n = Allocator.allocate(
                List.of(new Allocator.Stratum("a", 100, 1.0, null), new Allocator.Stratum("b", 100, 4.0, null)),
                AllocationMethod.NEYMAN, 30, 0);
        assertThat(n).containsExactly(Map.entry("a", 10), Map.entry("b", 20));
    }

    @Test
    void neymanNeedsAVarianceGuessPerStratum() {
        assertThatThrownBy(() -> Allocator.allocate(strata(10, 10), AllocationMethod.NEYMAN, 5, 0))
                .isInstanceOfSatisfying(AllocationException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("sample.error.variance");
                    assertThat(e.args()).containsExactly("h0");
                });
    }

    @Test
    void takeAllSelectsEveryUnit() throws Exception {
        assertThat(Allocator.allocate(strata(7, 9), AllocationMethod.TAKE_ALL, 0, 0))
                .containsExactly(Map.entry("h0", 7), Map.entry("h1", 9));
    }

    @Test
    void fixedSizesAreCheckedAgainstTheStratumAndTheMinimum() throws Exception {
        List<Allocator.Stratum> ok = List.of(new Allocator.Stratum("a", 10, null, 4),
                new Allocator.Stratum("b", 10, null, 10));
        assertThat(Allocator.allocate(ok, AllocationMethod.FIXED, 0, 2))
                .containsExactly(Map.entry("a", 4), Map.entry("b", 10));
        assertThatThrownBy(() -> Allocator.allocate(List.of(new Allocator.Stratum("a", 10, null, 11)),
                AllocationMethod.FIXED, 0, 0))
                .hasMessageStartingWith("sample.error.fixedRange");
        assertThatThrownBy(() -> Allocator.allocate(List.of(new Allocator.Stratum("a", 10, null, 1)),
                AllocationMethod.FIXED, 0, 2))
                .hasMessageStartingWith("sample.error.fixedBelowMinimum");
        assertThatThrownBy(() -> Allocator.allocate(List.of(new Allocator.Stratum("a", 10, null, null)),
                AllocationMethod.FIXED, 0, 0))
                .hasMessageStartingWith("sample.error.fixedMissing");
    }

    @Test
    void impossibleTotalsAreRefused() {
        assertThatThrownBy(() -> Allocator.allocate(strata(10, 10), AllocationMethod.PROPORTIONAL, 21, 0))
                .hasMessageStartingWith("sample.error.tooLarge");
        assertThatThrownBy(() -> Allocator.allocate(strata(10, 10, 10), AllocationMethod.PROPORTIONAL, 10, 5))
                .hasMessageStartingWith("sample.error.belowMinimums");
        assertThatThrownBy(() -> Allocator.allocate(strata(10), AllocationMethod.PROPORTIONAL, 0, 0))
                .hasMessageStartingWith("sample.error.totalPositive");
    }
}

package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MembersTest {

    @Test
    void setsCompareByTheirMembersAndSurviveStoring() {
        int[] positions = {0, 5, 63, 64, 200};
        Members a = Members.of(new boolean[] {true, false, true, true, false}, positions);
        Members b = Members.of(new boolean[] {true, false, true, false, true}, positions);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.difference(b)).isEqualTo(2);
        assertThat(a.differencePositions(b)).containsExactly(64, 200);
        assertThat(Members.fromBytes(a.bytes())).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(Members.fromBytes(b.bytes()).span()).isEqualTo(201);
        assertThat(Members.of(new boolean[5], positions).span()).isZero();
        // the same respondents at positions given in another order are the same set
        Members reordered = Members.of(new boolean[] {false, true, true, true, false}, new int[] {5, 0, 63, 64, 200});
        assertThat(reordered).isEqualTo(a);
    }
}

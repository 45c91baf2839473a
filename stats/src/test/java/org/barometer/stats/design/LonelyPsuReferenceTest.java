package org.barometer.stats.design;

import static org.barometer.stats.ApiData.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barometer.stats.ApiData;
import org.barometer.stats.SurveyInputException;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.estimate.DomainEstimates;
import org.barometer.stats.estimate.Estimate;
import org.barometer.stats.estimate.Estimators;
import org.barometer.stats.estimate.Survey;
import org.junit.jupiter.api.Test;

/**
 * The "Lonely PSUs" section of reference-survey-4.5.txt: {@code ds <- svydesign(id=~1, weights=~pw,
 * strata=~dnum, data=apiclus1)} (district 413 has a single school), plus lonely PSUs inside domains computed with
 * R 4.1-1 ({@code svyby(~api00, ~stype, ds, svymean)} under {@code survey.adjust.domain.lonely}).
 */
class LonelyPsuReferenceTest {

    private static Design ds(LonelyPsu rule, boolean domainLonely) {
        return Design.builder(ApiData.table("apiclus1")).strata("dnum").weights("pw").lonelyPsu(rule)
                .adjustDomainLonely(domainLonely).build();
    }

    private static Estimate mean(Design d) {
        return Survey.estimate(d, Estimators.mean(d.table(), "api00"));
    }

    @Test
    void wholeSampleRules() {
        // options(survey.lonely.psu=...); svymean(~api00, ds)
        close(mean(ds(LonelyPsu.REMOVE, false)).standardError(0), 5.8057775782763006);
        close(mean(ds(LonelyPsu.CERTAINTY, false)).standardError(0), 5.8057775782763006);
        close(mean(ds(LonelyPsu.ADJUST, false)).standardError(0), 5.8280579016485285);
        close(mean(ds(LonelyPsu.AVERAGE, false)).standardError(0), 6.0095507279558005);
        close(mean(ds(LonelyPsu.AVERAGE, false)).value(0), 644.16939890710387);
    }

    @Test
    void failNamesTheStratum() {
        assertThatThrownBy(() -> mean(ds(LonelyPsu.FAIL, false)))
                .isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("dnum=413")
                .hasMessageContaining("only one PSU");
    }

    private static void checkDomains(LonelyPsu rule, boolean domainLonely, double e, double h, double m) {
        DataTable t = ApiData.table("apiclus1");
        DomainEstimates b = Survey.by(ds(rule, domainLonely), Estimators.mean(t, "api00"), false, "stype");
        close(b.domain("E").standardError(0), e);
        close(b.domain("H").standardError(0), h);
        close(b.domain("M").standardError(0), m);
    }

    @Test
    void lonelyInsideDomains() {
        // options(survey.adjust.domain.lonely=TRUE)
        checkDomains(LonelyPsu.REMOVE, true, 7.7000427400086551, 23.419057798130108, 20.817079811991601);
        checkDomains(LonelyPsu.CERTAINTY, true, 7.7000427400086551, 23.419057798130108, 20.817079811991601);
        checkDomains(LonelyPsu.ADJUST, true, 7.8044352180202266, 25.061525018518591, 22.962287998778091);
        checkDomains(LonelyPsu.AVERAGE, true, 8.1900983980668745, 27.457612295155684, 22.860124600291407);
        // options(survey.adjust.domain.lonely=FALSE)
        checkDomains(LonelyPsu.REMOVE, false, 7.7000427400086551, 23.419057798130108, 20.817079811991601);
        checkDomains(LonelyPsu.ADJUST, false, 7.7299785084864885, 23.419057798130108, 20.817079811991601);
        checkDomains(LonelyPsu.AVERAGE, false, 7.9703014505161596, 23.419057798130108, 20.817079811991601);
    }

    @Test
    void ruleNamesFromR() {
        assertThat(LonelyPsu.fromR("adjust")).isEqualTo(LonelyPsu.ADJUST);
        assertThatThrownBy(() -> LonelyPsu.fromR("drop")).isInstanceOf(SurveyInputException.class)
                .hasMessageContaining("drop");
    }
}

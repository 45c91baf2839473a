package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.barometer.app.demo.DemoSimulation;
import org.barometer.app.edition.EditionStore;
import org.barometer.app.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The explorer's rules on the demo's simulated publication, its ledger in a real database. */
class ExplorerTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Publication demo;
    static Explorer explorer;

    @BeforeAll
    static void publish() throws Exception {
        demo = DemoSimulation.standard();
        long editionId = new EditionStore(db.jdbi()).create("explorer", 2026, null, null, List.of("da"), null).id();
        explorer = new Explorer(demo, new ExplorerLedger(new ExplorerStore(db.jdbi()), editionId, demo.responseIds(),
                new DisclosureStore(db.jdbi()).secret(), demo.edition().explorer().minBase(),
                demo.edition().minCellCount()));
    }

    static ExplorerRefusal.Problem refusal(String q, String by, String filter) {
        ExplorerRefusal e = catchThrowableOfType(ExplorerRefusal.class, () -> explorer.answer(q, by, filter));
        assertThat(e).as("refused: q=%s by=%s filter=%s", q, by, filter).isNotNull();
        return e.problems().getFirst();
    }

    @Test
    void onlyPublishableVariablesMayBeAskedBrokenDownOrFilteredBy() {
        assertThat(refusal("tech_description", null, null).reason()).isEqualTo(ExplorerRefusal.Reason.QUESTION);
        assertThat(refusal("tech_role", "employees", null).reason()).isEqualTo(ExplorerRefusal.Reason.BREAKDOWN);
        for (String filter : List.of("${tech_description} != ''", "${employees} > 50", "${latest_year} = 2019",
                "${comments} = 'x'")) {
            ExplorerRefusal.Problem p = refusal("tech_role", null, filter);
            assertThat(p.reason()).as(filter).isEqualTo(ExplorerRefusal.Reason.NOT_PUBLISHABLE);
            assertThat(p.parameter()).isEqualTo("filter");
            assertThat(p.problem().position()).isZero();
        }
        assertThat(refusal("tech_role", null, "${nothing} = 1").reason()).isEqualTo(ExplorerRefusal.Reason.UNKNOWN_NAME);
    }

    @Test
    void filtersOutsideThePublicBudgetAreRefusedWithTheirReason() {
        assertThat(refusal("tech_role", null, "regex(concat('aaaaaaaaaaaaaaaaaaaaaa', '!'), '^(.*a){7}$')").reason())
                .isEqualTo("function_not_allowed");
        assertThat(refusal("tech_role", null, "(".repeat(200) + "1" + ")".repeat(200)).reason()).isEqualTo("too_deep");
        assertThat(refusal("tech_role", null, "1 = 1 and ".repeat(60) + "1 = 1").reason()).isEqualTo("too_long");
        assertThat(refusal("tech_role", null, "${gov_level} = = 'state'").reason()).isEqualTo("syntax");
        assertThat(refusal("tech_role", null, "substr(${area}, 0, 1) = 'e'").reason()).isEqualTo("function_not_allowed");
    }

    @Test
    void aSmallBaseIsRefusedWithoutSayingHowSmallAndEmptyOrTinyBasesAreRefusedAlike() throws Exception {
        ExplorerRefusal.Problem none = refusal("tech_role", null, "${gov_level} = 'nowhere'");
        ExplorerRefusal.Problem one = refusal("tech_role", null,
                "${gov_level} = 'region' and ${area} = 'education' and ${size_group} = '50-99'");
        assertThat(none.reason()).isEqualTo(ExplorerRefusal.Reason.TOO_FEW);
        assertThat(one.reason()).isEqualTo(ExplorerRefusal.Reason.TOO_FEW);
        assertThat(one.problem().message(org.barometer.app.text.Language.of("en")))
                .isEqualTo(none.problem().message(org.barometer.app.text.Language.of("en")))
                .doesNotContainPattern("\\d");
    }

    @Test
    void rewordingAFilterGivesTheVeryNumbersOfTheSameRespondents() throws Exception {
        Explorer.Answer first = explorer.answer("tech_role", "gov_level", "${size_group} = '10-49' and ${area} = 'health'");
        Explorer.Answer reworded = explorer.answer("tech_role", "gov_level",
                "not(${area} != 'health') and (${size_group} = '10-49' or ${size_group} = '10-49')");
        assertThat(reworded.figure().n()).isEqualTo(first.figure().n());
        assertThat(reworded.figure().cells()).isEqualTo(first.figure().cells());
        // each caption repeats its own wording, never another visitor's
        assertThat(reworded.figure().caption(java.util.Locale.ENGLISH)).contains("not(${area} != 'health')");
        assertThat(first.figure().caption(java.util.Locale.ENGLISH)).doesNotContain("not(${area} != 'health')");
        assertThat(first.figure().cells()).allSatisfy(c -> assertThat(c.count()).isNull());
        // asked again in the same words: the answer the explorer keeps
        assertThat(explorer.answer("tech_role", "gov_level", "${size_group} = '10-49' and ${area} = 'health'"))
                .isSameAs(first);
    }

    @Test
    void aFilterNamesOnlyTheVariablesThatClassifyWorkplacesNeverAnAnswer() {
        // were answers allowed, "the base less one workplace if its answer is v" would be answered exactly when
        // the workplace's answer is not v: the refusal itself would tell the answer
        for (String filter : List.of("${tech_role} = 'core'", "${gov_level} = 'state' and not(${innovator} = 1)",
                "${newness} = 'new'")) {
            ExplorerRefusal.Problem p = refusal("tech_role", null, filter);
            assertThat(p.reason()).as(filter).isEqualTo(ExplorerRefusal.Reason.NOT_FILTERABLE);
            assertThat(p.parameter()).isEqualTo("filter");
        }
        assertThat(demo.edition().explorer().filters()).containsExactly("gov_level", "area", "size_group", "size");
    }

    @Test
    void takingOneWorkplaceOutOfAnAnsweredBaseIsRefused() throws Exception {
        Explorer.Answer region = explorer.answer("tech_role", null, "${gov_level} = 'region'");
        assertThat(region.figure().n()).isGreaterThan(20);
        ExplorerRefusal.Problem p = refusal("tech_role", null,
                "${gov_level} = 'region' and not(${area} = 'education' and ${size_group} = '50-99')");
        assertThat(p.reason()).isIn(ExplorerRefusal.Reason.TOO_CLOSE);
    }

    @Test
    void aCodedOpenQuestionIsAskedAndBrokenDownByItsCategoriesNeverItsText() throws Exception {
        String coded = "coded.tech_description";
        assertThat(demo.edition().explorer().variables()).contains(coded).doesNotContain("tech_description");
        assertThat(ExplorerQuery.variables(demo.edition())).extracting(ExplorerQuery.Choice::name).contains(coded);
        // the share of the coded answers with each category of the frame
        Explorer.Answer alone = explorer.answer(coded, null, null);
        List<String> items = alone.figure().spec().items().stream().map(org.barometer.app.publish.spec.FigureSpec.Item::id).toList();
        assertThat(items).containsSubsequence("ai", "ai_learning", "vr_ar", "drones");
        assertThat(alone.figure().n()).isGreaterThan(20);
        assertThat(alone.figure().cells()).anySatisfy(c -> assertThat(c.estimate()).isNotNull().isPositive());
        // as a breakdown, each category a group of the workplaces whose answer has it
        Explorer.Answer by = explorer.answer("tech_new", coded, null);
        assertThat(by.figure().series()).extracting(FigureResult.Series::id).isNotEmpty().allMatch(items::contains);
        // an answer, never a classification of workplaces: no filter may name it
        assertThat(refusal("tech_role", null, "selected(${coded.tech_description}, 'ai')").reason())
                .isEqualTo(ExplorerRefusal.Reason.NOT_FILTERABLE);
    }

    @Test
    void breakdownGroupsWithTooFewRespondentsAreNamedButNotShown() throws Exception {
        Explorer.Answer answer = explorer.answer("tech_role", "area", "${gov_level} = 'state'");
        List<String> shown = answer.figure().series().stream().map(FigureResult.Series::id).toList();
        assertThat(answer.hiddenGroups()).isNotEmpty();
        assertThat(shown).isNotEmpty();
        assertThat(answer.figure().series()).allSatisfy(s -> assertThat(s.n()).isGreaterThanOrEqualTo(20L));
    }
}

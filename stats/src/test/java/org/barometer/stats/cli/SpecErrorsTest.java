package org.barometer.stats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed spec: the command prints one error naming the JSON path (or file and position) on
 * standard error, nothing on standard output, and exits with 2.
 */
class SpecErrorsTest {
    private static final String STRAT = "\"data\": \"$DATA/apistrat.csv\", "
            + "\"design\": {\"strata\": \"stype\", \"weights\": \"pw\", \"fpc\": \"fpc\"}";
    private static final String CLUS1 = "\"data\": \"$DATA/apiclus1.csv\", "
            + "\"design\": {\"ids\": \"dnum\", \"weights\": \"pw\", \"fpc\": \"fpc\"}";

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        return Stream.of(
                // JSON itself
                Arguments.of("{\"data\": \"x.csv\",\n \"estimates\": [}", "line 2, column"),
                Arguments.of("", "the spec is empty"),
                Arguments.of("[1, 2]", "expected an object, found a list"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\"}], \"estimates\": []}",
                        "Duplicate field 'estimates'"),
                // keys and types
                Arguments.of("{" + STRAT + ", \"estimate\": [{\"mean\": \"api00\"}]}",
                        "estimate: unknown key; expected one of calibration, data, design, estimates, levels, replicates"),
                Arguments.of("{" + STRAT + "}", "missing required key 'estimates'"),
                Arguments.of("{\"design\": {}, \"estimates\": [{\"mean\": \"api00\"}]}", "missing required key 'data'"),
                Arguments.of("{" + STRAT + ", \"estimates\": []}", "estimates: expected at least one estimate"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"strata\": 5}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.strata: expected a string, found the number 5"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"stratum\": \"stype\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.stratum: unknown key; expected one of fpc, ids, lonely.psu, nest, probs, strata, weights"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"nest\": \"yes\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.nest: expected true or false, found the string \"yes\""),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"ids\": []}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.ids: expected at least one name, found an empty list"),
                Arguments.of("{\"data\": \"$DATA/apiclus1.csv\", \"design\": {\"ids\": \"dnum\", \"fpc\": [\"fpc\", \"pw\"]}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.fpc: 2 fpc variables for 1 sampling stage(s)"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"lonely.psu\": \"drop\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.lonely.psu: unknown lonely PSU rule 'drop'; expected one of fail, remove, certainty, adjust, average"),
                // estimators and their options
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\"}, {\"median\": \"api00\"}]}",
                        "estimates[1].median: unknown key"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"by\": \"stype\"}]}",
                        "estimates[0]: no estimator; expected one of mean, total, ratio, proportion, table, multiple.response"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"total\": \"api00\"}]}",
                        "estimates[0]: give one estimator per entry; found both 'mean' and 'total'"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\"}, {\"mean\": \"api00\"}, {\"proportion\": \"sch.wide\", \"ci\": \"foo\"}]}",
                        "estimates[2].ci: unknown interval method 'foo'; expected one of logit, beta, xlogit, asin, mean"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"table\": [\"sch.wide\", \"stype\"], \"test\": \"G\"}]}",
                        "estimates[0].test: unknown test 'G'; expected one of F, Chisq, Wald, adjWald"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"table\": [\"sch.wide\"]}]}",
                        "estimates[0].table: a table needs [row variable, column variable], found 1 name(s)"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"ci\": \"beta\"}]}",
                        "estimates[0].ci: 'ci' applies only to a proportion"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"ratio\": \"api00\"}]}",
                        "estimates[0]: missing required key 'denominator'"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"confidence\": 95}]}",
                        "estimates[0].confidence: must be between 0 and 1, found 95.0"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"df\": \"many\"}]}",
                        "estimates[0].df: expected a positive number or \"Inf\", found the string \"many\""),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"na.rm\": 1}]}",
                        "estimates[0].na.rm: expected true or false, found the number 1"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"table\": [\"sch.wide\", \"stype\"], \"na.rm\": true}]}",
                        "estimates[0].na.rm: 'na.rm' does not apply to a table"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"proportion\": \"sch.wide\", \"by\": \"stype\", \"difference\": [\"E\", \"H\"]}]}",
                        "estimates[0].difference: 'difference' does not apply to a proportion; use {\"mean\": ...} of the variable for the shares' differences"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"proportion\": \"sch.wide\", \"deff\": true}]}",
                        "estimates[0].deff: 'deff' does not apply to a proportion; use {\"mean\": ...} of the variable for the shares' design effects"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"proportion\": \"sch.wide\", \"na.rm\": true}]}",
                        "estimates[0].na.rm: proportion intervals with na.rm are not available"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"by\": \"stype\", \"deff\": true}]}",
                        "estimates[0].deff: design effects are given for whole-sample estimates only"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"multiple.response\": [\"api00\", \"sch.wide\"]}]}",
                        "estimates[0].multiple.response[1]: column 'sch.wide' is categorical; a multiple-response item (0/1) must be numeric"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"multiple.response\": [\"api00\", \"api99\"]}]}",
                        "estimates[0]: multiple-response item 'api00', row 1: value 840.0 is not 0 or 1"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"difference\": [\"E\", \"H\"]}]}",
                        "estimates[0].difference: a difference between domains needs 'by'"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"by\": \"stype\", \"difference\": [\"E\", \"X\"]}]}",
                        "estimates[0].difference[1]: no domain 'X'; the domains are E, H, M"),
                // columns and categories
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api01\"}]}",
                        "estimates[0].mean: unknown column 'api01'; the data have cds, stype"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": [\"api00\", \"api01\"]}]}",
                        "estimates[0].mean[1]: unknown column 'api01'"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"mean\": \"api00\", \"by\": \"school_type\"}]}",
                        "estimates[0].by: unknown column 'school_type'"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"strata\": \"stype\", \"weights\": \"sch.wide\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.weights: column 'sch.wide' is categorical; weights must be numeric"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"strata\": \"type\", \"weights\": \"pw\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.strata: unknown column 'type'"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"ratio\": \"api00\", \"denominator\": \"stype\"}]}",
                        "estimates[0].denominator: column 'stype' is categorical; the denominator of a ratio must be numeric"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"proportion\": \"sch.wide\", \"category\": \"Maybe\"}]}",
                        "estimates[0].category: variable 'sch.wide' has no category 'Maybe' (categories: No, Yes)"),
                Arguments.of("{" + STRAT + ", \"estimates\": [{\"proportion\": \"api00\"}]}",
                        "estimates[0].proportion: numeric column 'api00' has the value 840 in data row 1; a proportion needs 0/1 values or a 'category'"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"levels\": {\"stype\": [\"E\", \"M\"]}, \"design\": {\"strata\": \"stype\", \"weights\": \"pw\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "levels.stype: variable 'stype', row 13: category 'H' is not in the given level order [E, M]"),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"levels\": {\"stype\": [\"E\", \"M\", \"E\"]}, \"design\": {\"weights\": \"pw\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "levels.stype[2]: level 'E' is listed twice"),
                // files
                Arguments.of("{\"data\": \"no-such-file.csv\", \"estimates\": [{\"mean\": \"api00\"}]}",
                        "data: data file "),
                // calibration and replicates
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"poststratify\": {\"variable\": \"stype\", \"population\": {\"E\": 4421, \"H\": 755, \"X\": 1018}}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.poststratify.population.X: variable 'stype' has no category 'X' (categories: E, H, M)"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"poststratify\": {\"variable\": \"stype\", \"population\": {\"E\": 4421, \"H\": 755}}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.poststratify.population: no population count for category 'M' of variable 'stype'"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"poststratify\": {\"variable\": \"stype\", \"population\": {\"E\": \"many\"}}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.poststratify.population.E: expected a number, found the string \"many\""),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"rake\": {\"margins\": [{\"variable\": \"stype\", \"population\": {\"E\": 4421, \"H\": 755, \"M\": 1018}}], \"maxit\": 0}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.rake.maxit: must be at least 1, found 0"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"rake\": {\"margins\": [{\"variable\": \"stype\", \"population\": {\"E\": 4421, \"H\": 755, \"M\": 1018}}, {\"variable\": \"awards\", \"population\": {\"No\": 1000, \"Yes\": 5194}}]}, \"poststratify\": {}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration: give exactly one of poststratify, rake, calibrate, trimWeights per step (a list of steps is applied in order); found rake, poststratify"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"calibrate\": {\"formula\": [\"stype\"], \"population\": {\"(Intercept)\": 6194, \"stypeH\": 755, \"stypeM\": 1018}, \"calfun\": \"cubic\"}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.calibrate.calfun: unknown calibration function 'cubic'; expected one of linear, raking, logit"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"calibrate\": {\"formula\": [\"stype\"], \"population\": {\"(Intercept)\": 6194, \"stypeH\": 755, \"stypeM\": 1018}, \"bounds\": [1.5, 0.5]}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.calibrate.bounds: lower 1.5 is not below upper 0.5"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"calibrate\": {\"formula\": [\"stype\"], \"population\": {\"(Intercept)\": 6194, \"stypeH\": 755}}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.calibrate: "),
                Arguments.of("{" + CLUS1 + ", \"calibration\": [{\"trimWeights\": {\"lower\": 40, \"upper\": 30}}], \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration[0].trimWeights: lower 40.0 is not below upper 30.0"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": [{\"poststratify\": {\"variable\": \"stype\", \"population\": {\"E\": 4421, \"H\": 755, \"M\": 1018}}}, {\"rake\": {\"margins\": [{\"variable\": \"awards\", \"population\": {\"No\": 1000}}]}}], \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration[1].rake.margins[0].population: no population count for category 'Yes' of variable 'awards'"),
                Arguments.of("{" + CLUS1 + ", \"calibration\": {\"rake\": {\"margins\": [{\"variable\": \"stype\", \"population\": {\"E\": 4421, \"H\": 755, \"M\": 1018}}, {\"variable\": \"sch.wide\", \"population\": {\"No\": 1072, \"Yes\": 5122}}], \"epsilon\": 1e-14, \"maxit\": 2}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "calibration.rake: raking did not converge after 2 sweeps"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"jackknife\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.type: unknown replicate type 'jackknife'; expected one of JK1, JKn, BRR, Fay, bootstrap, subbootstrap, mrbbootstrap, other"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"Fay\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates: type Fay needs 'fay.rho'"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"bootstrap\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates: bootstrap replicates drawn from the design need a 'seed' (a whole number)"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"other\", \"seed\": 1}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates: replicate type 'other' needs the replicate weight 'columns'"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"bootstrap\", \"seed\": 7, \"replicates\": 1}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.replicates: must be at least 2, found 1"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"subbootstrap\", \"seed\": 7, \"replicates\": 2.5}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.replicates: expected a whole number, found the number 2.5"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"bootstrap\", \"seed\": \"abc\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.seed: expected a whole number, found the string \"abc\""),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"JK1\", \"seed\": 3}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.seed: 'seed' applies only to bootstrap replicates drawn from the design"),
                Arguments.of("{" + CLUS1 + ", \"replicates\": {\"type\": \"mrb\", \"seed\": 3}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.type: unknown replicate type 'mrb'; expected one of"),
                Arguments.of("{\"data\": \"$DATA/boot_dstrat_repweights.csv\", \"design\": {\"weights\": \"pw\"}, \"replicates\": {\"type\": \"bootstrap\", \"columns\": [\"1\", \"2\"], \"replicates\": 2}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.replicates: 'replicates' applies only to bootstrap replicates drawn from the design"),
                Arguments.of("{\"data\": \"$DATA/boot_dstrat_repweights.csv\", \"design\": {\"weights\": \"pw\"}, \"replicates\": {\"type\": \"subbootstrap\", \"columns\": [\"1\", \"2\"]}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.type: 'subbootstrap' replicates are drawn from the design"),
                // a stratum with one PSU: apiclus2 stratified by district, district 15 has one school
                Arguments.of("{\"data\": \"$DATA/apiclus2.csv\", \"design\": {\"strata\": \"dnum\", \"ids\": \"snum\"}, \"replicates\": {\"type\": \"bootstrap\", \"seed\": 3}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates: stratum dnum=15: one PSU; bootstrap replicates need at least 2 PSUs in every stratum"),
                Arguments.of("{\"data\": \"$DATA/apiclus2.csv\", \"design\": {\"strata\": \"dnum\", \"ids\": \"snum\", \"lonely.psu\": \"certainty\"}, \"replicates\": {\"type\": \"subbootstrap\", \"seed\": 3}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates: stratum dnum=15: one PSU; bootstrap replicates need at least 2 PSUs in every stratum"),
                Arguments.of("{\"data\": \"$DATA/brr_design_repweights.csv\", \"design\": {\"weights\": \"pw\"}, \"replicates\": {\"type\": \"BRR\", \"columns\": {\"first\": \"32\", \"last\": \"1\"}}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.columns: column '1' comes before '32' in the data"),
                Arguments.of("{\"data\": \"$DATA/brr_design_repweights.csv\", \"design\": {\"weights\": \"pw\", \"strata\": \"pstr\"}, \"replicates\": {\"type\": \"BRR\", \"columns\": [\"1\", \"2\"]}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design.strata: not used with given replicate weights"),
                Arguments.of("{\"data\": \"$DATA/brr_design_repweights.csv\", \"design\": {\"weights\": \"pw\"}, \"replicates\": {\"type\": \"BRR\", \"columns\": [\"1\", \"api00x\"]}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "replicates.columns[1]: unknown column 'api00x'"),
                // refusals by the engine name the part of the spec being run
                Arguments.of("{\"data\": \"$DATA/apiclus1.csv\", \"design\": {\"strata\": \"dnum\", \"weights\": \"pw\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "estimates[0]: stratum dnum="),
                Arguments.of("{\"data\": \"$DATA/apistrat.csv\", \"design\": {\"strata\": \"stype\", \"weights\": \"acs.k3\"}, \"estimates\": [{\"mean\": \"api00\"}]}",
                        "design: "));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void malformedSpecIsRefusedWithItsPlace(String json, String expected) {
        CliRun r = CliRun.ofText(dir, json);
        assertThat(r.out()).as("standard output").isEmpty();
        assertThat(r.code()).as("exit code; stderr: " + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("estimate: ").contains(expected);
        assertThat(r.err().strip().lines()).as("one line").hasSize(1);
    }

    @Test
    void missingSpecFileAndUsage() {
        CliRun r = CliRun.of(dir.resolve("absent.json"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("spec file").contains("absent.json").contains("does not exist");

        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(EstimateCommand.run(new String[0])).isEqualTo(2);
            assertThat(EstimateCommand.run(new String[] {"a.json", "b.json"})).isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: barometer estimate SPEC.json");
    }

    @Test
    void dataPathIsRelativeToTheSpecFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("specs"));
        Files.copy(CliRun.dataFolder().resolve("apistrat.csv"), dir.resolve("apistrat.csv"));
        Path spec = sub.resolve("s.json");
        Files.writeString(spec, "{\"data\": \"../apistrat.csv\", \"design\": {\"strata\": \"stype\", \"weights\": \"pw\"},"
                + " \"estimates\": [{\"mean\": \"api00\"}]}");
        CliRun r = CliRun.of(spec);
        assertThat(r.err()).isEmpty();
        assertThat(r.value(0, 0, "estimate")).isEqualTo(662.2873631593208);
    }

    @Test
    void brokenCsvIsRefusedNamingFileAndRow() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "a,w\n1,2\n3\n");
        CliRun r = CliRun.ofText(dir, "{\"data\": \"bad.csv\", \"design\": {\"weights\": \"w\"}, \"estimates\": [{\"mean\": \"a\"}]}");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("data: ")
                .containsPattern("bad\\.csv, (row|line) 3: 1 values for 2 columns of the header");
    }
}

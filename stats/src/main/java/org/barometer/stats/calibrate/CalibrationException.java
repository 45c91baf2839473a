package org.barometer.stats.calibrate;

import org.barometer.stats.Arguments;
import org.barometer.stats.SurveyInputException;

/**
 * A calibration (post-stratification, raking, calibration to totals, weight trimming) that was refused.
 * No weights are returned when this is thrown; the input arrays are left as they were.
 *
 * <p>{@link #problem()} says what kind of problem it is; {@link #variable()} and {@link #category()}
 * name the auxiliary variable (or model-matrix column) and the category concerned, when there is one.
 */
public class CalibrationException extends RuntimeException {

    /** The kinds of problem a calibration can be refused for. */
    public enum Problem {
        /** A variable named in a margin, formula or population table is not in the sample. */
        UNKNOWN_VARIABLE,
        /** A category has a positive population total but no sample weight, so it cannot be met. */
        CATEGORY_ABSENT_FROM_SAMPLE,
        /** A category occurs in the sample but the population totals do not give it a total. */
        CATEGORY_MISSING_FROM_POPULATION,
        /** A population total is negative, or zero where the sample has weight in that category. */
        NON_POSITIVE_TOTAL,
        /** The number or the names of population totals do not match the calibration model. */
        TOTALS_DO_NOT_MATCH_MODEL,
        /** The calibration model's columns are linearly dependent in the sample. */
        COLLINEAR_MODEL,
        /** The requested bounds (or trimming limits) cannot be satisfied. */
        BOUNDS_NOT_SATISFIABLE,
        /** The iteration stopped before meeting the totals; see {@link CalibrationNotConvergedException}. */
        NOT_CONVERGED,
        /** Any other invalid argument (lengths, weights, control settings). */
        INVALID_ARGUMENT
    }

    private final Problem problem;
    private final String variable;
    private final String category;

    /**
     * @param problem  the kind of problem
     * @param variable the variable or model column concerned, or {@code null}
     * @param category the category concerned, or {@code null}
     * @param message  a complete sentence naming the place
     */
    public CalibrationException(Problem problem, String variable, String category, String message) {
        super(message);
        this.problem = problem;
        this.variable = variable;
        this.category = category;
    }

    /** @return the kind of problem */
    public Problem problem() {
        return problem;
    }

    /** @return the variable or model-matrix column concerned, or {@code null} */
    public String variable() {
        return variable;
    }

    /** @return the category concerned, or {@code null} */
    public String category() {
        return category;
    }

    /**
     * The check of replicate weights to be calibrated: given, one per row, each finite. Unlike sampling weights
     * they may be negative: Preston's multistage bootstrap ({@code mrbbootstrap}) makes negative factors where a
     * PSU is kept at the first stage but its unit is not at the second, and R calibrates those replicates as
     * they are.
     */
    static double[] requireReplicateWeights(String place, double[] weights, int rows) {
        try {
            Arguments.requireGiven(place, weights);
            Arguments.requireLength(place, weights.length, rows, "rows");
            return Arguments.requireFinite(place, weights);
        } catch (SurveyInputException e) {
            CalibrationException c = invalid(e.getMessage());
            c.initCause(e);
            throw c;
        }
    }

    /**
     * {@link Arguments#requireWeights}, with its refusal thrown as a calibration refusal
     * ({@link Problem#INVALID_ARGUMENT}, the same message), the exception the calibration methods declare.
     */
    static double[] requireWeights(String place, double[] weights, int rows) {
        try {
            return Arguments.requireWeights(place, weights, rows);
        } catch (SurveyInputException e) {
            CalibrationException c = invalid(e.getMessage());
            c.initCause(e);
            throw c;
        }
    }

    static CalibrationException invalid(String message) {
        return new CalibrationException(Problem.INVALID_ARGUMENT, null, null, message);
    }
}

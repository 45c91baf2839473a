package org.barometer.stats.calibrate;

/**
 * The calibration distance functions of R survey ({@code cal.linear}, {@code cal.raking},
 * {@code cal.logit}), each given as R gives them: {@code Fm1(u)}, the g-weight minus one for the linear
 * predictor {@code u = x'eta}, and its derivative {@code dF(u)}, both under bounds {@code [L, U]} on g.
 */
public enum CalibrationFunction {

    /** GREG: {@code g = clamp(1 + u, L, U)}. */
    LINEAR {
        @Override
        double fm1(double u, double lower, double upper) {
            return Math.min(Math.max(u + 1, lower), upper) - 1;
        }

        @Override
        double dF(double u, double lower, double upper) {
            return u < upper - 1 && u > lower - 1 ? 1.0 : 0.0;
        }
    },

    /** Raking ratio (exponential): {@code g = clamp(exp(u), L, U)}. */
    RAKING {
        @Override
        double fm1(double u, double lower, double upper) {
            return Math.min(Math.max(Math.exp(u), lower), upper) - 1;
        }

        @Override
        double dF(double u, double lower, double upper) {
            return u < upper - 1 && u > lower - 1 ? Math.exp(u) : 0.0;
        }
    },

    /** Deville–Särndal logit: g stays strictly between finite bounds L &lt; 1 &lt; U. */
    LOGIT {
        @Override
        double fm1(double u, double lower, double upper) {
            double a = (upper - lower) / ((upper - 1) * (1 - lower));
            double eAu = Math.exp(a * u);
            return (lower * (upper - 1) + upper * (1 - lower) * eAu) / (upper - 1 + (1 - lower) * eAu) - 1;
        }

        @Override
        double dF(double u, double lower, double upper) {
            double a = (upper - lower) / ((upper - 1) * (1 - lower));
            double eAu = Math.exp(a * u);
            double den = upper - 1 + (1 - lower) * eAu;
            return upper * (1 - lower) * eAu * a / den
                    - ((lower * (upper - 1) + upper * (1 - lower) * eAu) * ((1 - lower) * eAu * a)) / (den * den);
        }
    };

    /** @return g - 1 for linear predictor {@code u} */
    abstract double fm1(double u, double lower, double upper);

    /** @return the derivative of g with respect to {@code u} */
    abstract double dF(double u, double lower, double upper);
}

package org.barometer.stats.estimate;

import java.util.function.DoubleUnaryOperator;
import org.barometer.stats.Arguments;

/**
 * A root of a function on an interval by Brent's method, step for step as R's {@code uniroot} (its
 * {@code zeroin}: bisection, secant and inverse quadratic interpolation, stopping when the bracket is within
 * {@code 2 eps |b| + tol / 2}), so that a root of a step function lands on the same side of a jump as in R.
 */
final class Brent {
    private Brent() {}

    /** R's {@code uniroot(f, c(lower, upper), tol = tol)$root} with its default of at most 1000 iterations. */
    static double uniroot(DoubleUnaryOperator f, double lower, double upper, double tol) {
        Arguments.require(lower < upper, "score interval", "the search interval [" + lower + ", " + upper
                + "] is empty (too few distinct values)");
        double fa = f.applyAsDouble(lower);
        double fb = f.applyAsDouble(upper);
        Arguments.require(!Double.isNaN(fa) && !Double.isNaN(fb), "score interval",
                "the score test is undefined at the ends of the search interval");
        Arguments.require(fa * fb <= 0, "score interval",
                "the score test has the same sign at both ends of the search interval (R: f() values at end"
                        + " points not of opposite sign)");
        return zeroin(f, lower, upper, fa, fb, tol, 1000);
    }

    /** R's {@code R_zeroin2} (Brent's root finder) with R's stopping rule. */
    static double zeroin(DoubleUnaryOperator f, double ax, double bx, double fa, double fb, double tol, int maxIter) {
        final double eps = Math.ulp(1.0);
        double a = ax;
        double b = bx;
        double c = a;
        double fc = fa;
        int maxit = maxIter + 1;
        if (fa == 0.0) return a;
        if (fb == 0.0) return b;
        while (maxit-- > 0) {
            double prevStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolAct = 2 * eps * Math.abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.abs(newStep) <= tolAct || fb == 0.0) return b;
            if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
                double p;
                double q;
                double cb = c - b;
                if (a == c) {
                    double t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    q = fa / fc;
                    double t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
                    newStep = p / q;
                }
            }
            if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
            a = b;
            fa = fb;
            b += newStep;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        return b;
    }
}

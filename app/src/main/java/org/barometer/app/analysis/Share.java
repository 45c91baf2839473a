package org.barometer.app.analysis;

/**
 * A weighted share with its standard error and 95 % interval (on the logit scale, R's
 * {@code svyciprop(..., method = "xlogit")}, the default), and the unweighted counts behind it.
 *
 * @param estimate the share, a fraction of 1
 * @param se       its linearised standard error
 * @param low      lower end of the interval
 * @param high     upper end of the interval
 * @param n        respondents in the domain (the denominator)
 * @param count    respondents in the domain with the answer (the numerator)
 */
public record Share(double estimate, double se, double low, double high, long n, long count) {

    public boolean covers(double value) {
        return low <= value && value <= high;
    }
}

package org.barometer.app.coding;

/**
 * Krippendorff's alpha of a table of codings, nominal: {@code 1 − observed / expected} disagreement.
 *
 * @param pairableAnswers the answers coded by at least two coders (the others do not count)
 * @param pairableValues the codes given to those answers (Krippendorff's n)
 * @param observedDisagreement the share of pairs of codes within an answer that differ, each answer's pairs
 *                             weighted by 1 / (its codes − 1)
 * @param expectedDisagreement the share of pairs of all pairable codes that differ
 * @param alpha the coefficient; {@code NaN} when every pairable code is the same, so that there is no variation
 *              for the coders to agree on and alpha is undefined
 */
public record Alpha(int pairableAnswers, int pairableValues, double observedDisagreement, double expectedDisagreement,
                    double alpha) {
}

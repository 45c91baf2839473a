package org.barometer.app.coding;

/**
 * Cohen's kappa of a pair of coders: {@code (observed − expected) / (1 − expected)}.
 *
 * @param answers the answers both coded
 * @param observed the share of answers they coded alike
 * @param expected the share expected alike by chance, from each coder's own distribution of codes
 * @param kappa the coefficient; {@code NaN} when both coders gave every answer one and the same code, so that
 *              chance already explains all agreement and kappa is undefined
 */
public record Kappa(int answers, double observed, double expected, double kappa) {
}

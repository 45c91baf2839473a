/**
 * Estimators and what is computed from them. Every estimator is a
 * {@link org.barometer.stats.estimate.Statistic} (estimate for given weights plus weighted influence values);
 * {@link org.barometer.stats.estimate.Survey} runs it on any design and obtains its variance from the design's
 * route, whole sample or by domain. On top: proportion intervals
 * ({@link org.barometer.stats.estimate.ProportionInterval}, R's {@code svyciprop}), tests of association
 * ({@link org.barometer.stats.estimate.TableAssociation}, R's {@code svychisq}), domain contrasts
 * ({@link org.barometer.stats.estimate.DomainEstimates#contrast}) and the change of an indicator between two
 * independent editions of a survey ({@link org.barometer.stats.estimate.EditionChange}).
 */
package org.barometer.stats.estimate;

/**
 * A statistic as a series: a family of barometers (one series per country), each holding editions, and the
 * harmonised indicators computed from every edition — its trend, the change between any two editions with its
 * test, and the countries side by side, from microdata where a country runs on Barometer and from checked
 * published aggregates where it does not. The family's files are checked at the door and stored as versions.
 */
package org.barometer.app.series;

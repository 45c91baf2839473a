/**
 * The case library: cases of public-sector innovation submitted by the public or through a personal link, reviewed
 * and published by editors, searched in Danish and English with facets of the series' own classifications.
 */
package org.barometer.app.cases;

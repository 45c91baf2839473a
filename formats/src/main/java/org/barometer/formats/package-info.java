/**
 * Writers for the file formats statisticians and statistical offices read: SPSS system files ({@code .sav}) and
 * Stata datasets ({@code .dta}, format 118) for labelled microdata ({@link org.barometer.formats.microdata}), and
 * PX (PC-Axis) and JSON-stat 2.0 for published tables ({@link org.barometer.formats.table}). The module knows
 * nothing of the database, the web or questionnaires: callers build the small immutable models and hand them to a
 * writer. Every writer checks its whole input before it writes a byte, so a rejected input leaves the output empty.
 */
package org.barometer.formats;

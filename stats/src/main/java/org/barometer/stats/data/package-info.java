/**
 * Columnar survey data: {@link org.barometer.stats.data.DataTable} of {@code double} columns and int-coded
 * factors, read from CSV; category order rules in {@link org.barometer.stats.data.LevelOrder}.
 */
package org.barometer.stats.data;

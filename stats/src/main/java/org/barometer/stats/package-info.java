/** Design-based estimation for complex survey samples. */
package org.barometer.stats;

/** JMH benchmarks and side-by-side runs against reference implementations. */
package org.barometer.bench;

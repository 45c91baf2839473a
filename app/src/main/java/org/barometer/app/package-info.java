/** The Barometer server: fieldwork, responses, analysis, publication and the portal. */
package org.barometer.app;

/** The demo: an embedded database with a demo edition, frame and sample, ready to click through. */
package org.barometer.app.demo;

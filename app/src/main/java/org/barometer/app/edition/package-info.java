/** EditionStore: a questionnaire version, a frame, a sample, a fieldwork period and its languages, tied together. */
package org.barometer.app.edition;

/** Questionnaires: the XLSForm reader, the form model, the expression language and the answer engine. */
package org.barometer.forms;

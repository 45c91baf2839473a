/** The frame: importing the register of workplaces (CSV or XLSX), validated row by row before anything is stored. */
package org.barometer.app.frame;

/**
 * The web layer: the Javalin server, the one routes file, templates, messages in Danish and English,
 * sessions in PostgreSQL, CSRF protection and security headers.
 */
package org.barometer.app.web;

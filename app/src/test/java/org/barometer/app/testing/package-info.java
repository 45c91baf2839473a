/**
 * Test support for the app: a fresh PostgreSQL database per test class ({@link TestDatabase}), a running
 * server ({@link TestServer}) with an HTTP client that keeps cookies and CSRF tokens ({@link WebClient}),
 * and a real Chromium browser with axe-core accessibility checks ({@link Browser}).
 */
package org.barometer.app.testing;

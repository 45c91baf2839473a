/** Administration: users and roles, sign-in with lockout, the audit log and user management. */
package org.barometer.app.admin;

/** The database: a PostgreSQL server by URL or an embedded one, migrated by Flyway, used through JDBI. */
package org.barometer.app.db;

package org.barometer.app.portal;

import org.jdbi.v3.core.Jdbi;

/** A planted violation for {@code ArchitectureTest}: SQL run by a class that is not a store. */
public final class PlantedQuery {
    private PlantedQuery() {}

    static int count(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from edition").mapTo(Integer.class).one());
    }
}

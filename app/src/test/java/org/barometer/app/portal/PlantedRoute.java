package org.barometer.app.portal;

import io.javalin.apibuilder.ApiBuilder;

/** A planted violation for {@code ArchitectureTest}: a route declared outside web/Routes. */
public final class PlantedRoute {
    private PlantedRoute() {}

    static void declare() {
        ApiBuilder.get("/planted", ctx -> ctx.result("planted"));
    }
}

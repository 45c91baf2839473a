package org.barometer.app.db;

import org.barometer.app.platform.Platform;

/** A planted violation for {@code ArchitectureTest}: db imports platform, which imports db — a package cycle. */
public final class PlantedCycle {
    private PlantedCycle() {}

    static String uses(Platform platform) {
        return platform.toString();
    }
}

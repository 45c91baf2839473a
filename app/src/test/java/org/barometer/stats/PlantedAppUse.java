package org.barometer.stats;

import org.barometer.app.text.Texts;

/** A planted violation for {@code ArchitectureTest}: the statistics library imports the app. */
public final class PlantedAppUse {
    private PlantedAppUse() {}

    static int uses() {
        return Texts.LANGUAGES.size();
    }
}

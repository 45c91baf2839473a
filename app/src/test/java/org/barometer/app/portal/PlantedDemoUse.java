package org.barometer.app.portal;

import org.barometer.app.demo.DemoFiles;

/** A planted violation for {@code ArchitectureTest}: a package other than the entry point imports the demo. */
public final class PlantedDemoUse {
    private PlantedDemoUse() {}

    static int uses() {
        return DemoFiles.questionnaire().length;
    }
}

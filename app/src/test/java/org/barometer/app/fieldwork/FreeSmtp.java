package org.barometer.app.fieldwork;

import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** An SMTP setup for GreenMail on a port free now, so that test runs side by side do not collide on a fixed port. */
public final class FreeSmtp {
    private FreeSmtp() {}

    /** An in-process SMTP server on {@code setup}, without authentication, kept for the whole test class. */
    public static com.icegreen.greenmail.junit5.GreenMailExtension catcher(ServerSetup setup) {
        return new com.icegreen.greenmail.junit5.GreenMailExtension(setup)
                .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                        .withDisabledAuthentication())
                .withPerMethodLifecycle(false);
    }

    /** A server that sends its mail to {@code setup} at once: fast sending, short rounds of the outbox. */
    public static org.barometer.app.testing.TestServer serverMailingTo(ServerSetup setup) {
        return new org.barometer.app.testing.TestServer()
                .withEnv("BAROMETER_SMTP_HOST", "127.0.0.1")
                .withEnv("BAROMETER_SMTP_PORT", Integer.toString(setup.getPort()))
                .withEnv("BAROMETER_SMTP_RATE", "100")
                .withEnv("BAROMETER_FIELDWORK_POLL_MS", "200");
    }

    public static ServerSetup setup() {
        try (ServerSocket s = new ServerSocket(0)) {
            return new ServerSetup(s.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

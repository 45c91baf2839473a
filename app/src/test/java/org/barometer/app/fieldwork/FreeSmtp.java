package org.barometer.app.fieldwork;

import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** An SMTP setup for GreenMail on a port free now, so that test runs side by side do not collide on a fixed port. */
public final class FreeSmtp {
    private FreeSmtp() {}

    public static ServerSetup setup() {
        try (ServerSocket s = new ServerSocket(0)) {
            return new ServerSetup(s.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

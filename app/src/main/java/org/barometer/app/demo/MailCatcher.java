package org.barometer.app.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's mail server when none is configured: an SMTP server in the demo's process (GreenMail) that accepts
 * every message and keeps it in memory, so that the demo's invitations really leave the outbox — the admin's outbox
 * shows them as sent — without reaching anyone.
 */
final class MailCatcher implements AutoCloseable {
    private final GreenMail server;

    private MailCatcher(GreenMail server) {
        this.server = server;
    }

    /** Starts a catcher on a free port of the loopback address. */
    static MailCatcher start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new MailCatcher(server);
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** The settings that send the platform's mail here. */
    Map<String, String> settings(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        out.put("BAROMETER_SMTP_HOST", "127.0.0.1");
        out.put("BAROMETER_SMTP_PORT", Integer.toString(port()));
        out.putIfAbsent("BAROMETER_SMTP_FROM", "barometer-demo@localhost");
        return out;
    }

    /** How many messages have arrived. */
    int caught() {
        return server.getReceivedMessages().length;
    }

    @Override
    public void close() {
        server.stop();
    }
}

package org.barometer.app.fieldwork;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the {@link OutboxStore}: claims due messages, sends them over SMTP (Angus Mail) no faster than the configured
 * rate, and records the outcome of each. Any number of nodes may run one; see {@link OutboxStore} for why each message
 * is sent once, and the one window in which it may be sent twice.
 */
public final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;

    private final OutboxStore outbox;
    private final MailConfig config;
    private final String node;
    private final Session session;
    private final long intervalNanos;
    private long nextSendAt = System.nanoTime();

    public OutboxSender(OutboxStore outbox, MailConfig config) {
        this(outbox, config, "node-" + UUID.randomUUID());
    }

    public OutboxSender(OutboxStore outbox, MailConfig config, String node) {
        this.outbox = outbox;
        this.config = config;
        this.node = node;
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        p.put("mail.smtp.auth", Boolean.toString(!config.username().isEmpty()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        this.session = Session.getInstance(p);
        this.intervalNanos = (long) (1_000_000_000L / config.perSecond());
    }

    public String node() {
        return node;
    }

    /**
     * Claims and sends due messages until none are due. Returns how many were handed to SMTP successfully.
     */
    public int drain() {
        int sent = 0;
        while (true) {
            List<OutboxStore.Message> batch = outbox.claim(node, BATCH, config.lease());
            if (batch.isEmpty()) {
                return sent;
            }
            sent += sendBatch(batch);
        }
    }

    private int sendBatch(List<OutboxStore.Message> batch) {
        int sent = 0;
        Transport transport = null;
        try {
            for (OutboxStore.Message m : batch) {
                MimeMessage mime;
                try {
                    mime = toMime(m);
                } catch (AddressException e) {
                    outbox.markBounced(m.id(), node, "malformed address: " + e.getMessage());
                    continue;
                } catch (MessagingException e) {
                    outbox.markAttemptFailed(m.id(), node, m.attempts(), config, describe(e));
                    continue;
                }
                pace();
                try {
                    if (transport == null || !transport.isConnected()) {
                        transport = connected();
                    }
                    transport.sendMessage(mime, mime.getAllRecipients());
                } catch (SendFailedException e) {
                    if (permanent(e)) {
                        outbox.markBounced(m.id(), node, describe(e));
                    } else {
                        outbox.markAttemptFailed(m.id(), node, m.attempts(), config, describe(e));
                    }
                    continue;
                } catch (MessagingException e) {
                    outbox.markAttemptFailed(m.id(), node, m.attempts(), config, describe(e));
                    close(transport);
                    transport = null;
                    continue;
                }
                // The SMTP server has the message. A crash before the next line is the window described in OutboxStore.
                if (outbox.markSent(m.id(), node)) {
                    sent++;
                } else {
                    LOG.warn("outbox message {} was sent but its claim had passed to another node", m.id());
                }
            }
        } finally {
            close(transport);
        }
        return sent;
    }

    /**
     * Sends one message now, outside the outbox (a test mail to staff: it is no invitation and is not retried).
     * The caller sees the server's refusal as the exception.
     */
    public void sendNow(String recipient, String subject, String body) throws MessagingException {
        MimeMessage mime = toMime(new OutboxStore.Message(0, 0, recipient, subject, body, 0));
        mime.setHeader("Message-ID", "<test-" + UUID.randomUUID() + "@" + domain() + ">");
        Transport transport = connected();
        try {
            transport.sendMessage(mime, mime.getAllRecipients());
        } finally {
            close(transport);
        }
    }

    /** A transport connected to the configured server, signed in when a user is configured. */
    private Transport connected() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect(config.host(), config.port(), config.username().isEmpty() ? null : config.username(),
                config.password().isEmpty() ? null : config.password());
        return transport;
    }

    private String domain() {
        return config.from().contains("@") ? config.from().substring(config.from().indexOf('@') + 1) : "localhost";
    }

    private MimeMessage toMime(OutboxStore.Message m) throws MessagingException {
        InternetAddress to = new InternetAddress(m.recipient(), true);
        String messageId = "<outbox-" + m.id() + "@" + domain() + ">";
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Stable per outbox row: a message sent twice after a crash carries the same id.
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(config.from(), true));
        mime.setRecipient(MimeMessage.RecipientType.TO, to);
        mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
        mime.setText(m.body(), StandardCharsets.UTF_8.name());
        mime.saveChanges();
        return mime;
    }

    /** SMTP 5xx for every recipient is permanent (the address does not exist); anything else may pass. */
    private static boolean permanent(SendFailedException e) {
        Address[] invalid = e.getInvalidAddresses();
        if (invalid != null && invalid.length > 0) {
            return true;
        }
        for (Exception next = e.getNextException(); next != null;
             next = next instanceof MessagingException me ? me.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException f && f.getReturnCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    private void pace() {
        long now = System.nanoTime();
        if (nextSendAt > now) {
            LockSupport.parkNanos(nextSendAt - now);
        }
        nextSendAt = Math.max(now, nextSendAt) + intervalNanos;
    }

    private static String describe(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.length() > 500 ? msg.substring(0, 500) : msg;
    }

    private static void close(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException ignored) {
                // closing a broken connection: nothing to do
            }
        }
    }
}

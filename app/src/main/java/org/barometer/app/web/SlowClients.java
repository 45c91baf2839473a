package org.barometer.app.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Limits against clients that hold connections open by sending slowly: a connection with nothing to do is closed
 * after {@link #IDLE}; a request body must arrive at {@link #MIN_BODY_BYTES_PER_SECOND} at least; and a request's
 * header — which a slow sender can drip a byte at a time, each byte resetting the idle timer — must be complete
 * within {@link #HEADER_DEADLINE} of when it began (checked every {@link #CHECK_EVERY}).
 */
final class SlowClients {
    static final Duration IDLE = Duration.ofSeconds(10);
    static final long MIN_BODY_BYTES_PER_SECOND = 1024;
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    static final Duration CHECK_EVERY = Duration.ofSeconds(2);

    private SlowClients() {
    }

    /** Sets the limits on a server's HTTP configuration and, once it starts, on its connectors. */
    static void limit(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector c : server.getConnectors()) {
                    if (c instanceof ServerConnector connector) {
                        connector.setIdleTimeout(IDLE.toMillis());
                        connector.addBean(new HeaderDeadline(server.getScheduler()));
                    }
                }
            }
        });
    }

    /** The minimum body rate, on the HTTP configuration every connector shares. */
    static void limit(HttpConfiguration http) {
        http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
    }

    /** Closes a connection whose current request header has been arriving for longer than the deadline. */
    private static final class HeaderDeadline implements Connection.Listener {
        private final Scheduler scheduler;

        HeaderDeadline(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onOpened(Connection connection) {
            if (connection instanceof HttpConnection http) {
                watch(http, -1, 0);
            }
        }

        /**
         * Looks at the connection again after {@link #CHECK_EVERY}: {@code request} is the count of requests it had
         * when a header was last seen arriving, {@code since} when that was first seen (−1: none seen).
         */
        private void watch(HttpConnection http, long request, long since) {
            scheduler.schedule(() -> {
                if (!http.getEndPoint().isOpen()) {
                    return;
                }
                long now = System.nanoTime();
                boolean inHeader = http.getParser().inHeaderState() && !http.getParser().isStart();
                long messages = http.getMessagesIn();
                if (!inHeader) {
                    watch(http, -1, 0);
                } else if (request != messages) {
                    watch(http, messages, now);
                } else if (now - since >= HEADER_DEADLINE.toNanos()) {
                    http.getEndPoint().close();
                } else {
                    watch(http, request, since);
                }
            }, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}

package org.barometer.app.platform;

/** A running app node as the code that started it holds it: the address visitors use, and stopping it. */
public interface Node extends AutoCloseable {
    /** The address a visitor uses, e.g. {@code http://localhost:7070}. */
    String baseUrl();

    @Override
    void close();
}

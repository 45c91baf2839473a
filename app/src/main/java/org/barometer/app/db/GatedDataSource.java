package org.barometer.app.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A pool's connections handed out through a fair semaphore with one permit per pooled connection. Hundreds of
 * requests waiting on a small pool then park cheaply in the semaphore's queue, instead of spinning in the pool's
 * hand-off (which under that contention burns more CPU than the queries). A permit is returned when the connection
 * is closed.
 */
final class GatedDataSource {
    private GatedDataSource() {}

    static DataSource wrap(DataSource pool, int permits, long timeoutMillis) {
        Semaphore gate = new Semaphore(permits, true);
        return (DataSource) Proxy.newProxyInstance(GatedDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (!gate.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                            throw new SQLTransientConnectionException("no database connection free after " + timeoutMillis + " ms");
                        }
                        try {
                            return released((Connection) invoke(pool, method, args), gate);
                        } catch (Throwable e) {
                            gate.release();
                            throw e;
                        }
                    }
                    return invoke(pool, method, args);
                });
    }

    private static Connection released(Connection connection, Semaphore gate) {
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(GatedDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            connection.close();
                        } finally {
                            if (closed.compareAndSet(false, true)) {
                                gate.release();
                            }
                        }
                        return null;
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

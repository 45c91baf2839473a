package org.barometer.app.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The users of the administration, their passwords and the throttling of failed sign-ins. */
public final class UserStore {
    /** Failed sign-ins of a username within {@link #ACCOUNT_WINDOW} before each next one must wait. */
    public static final SignInThrottle ACCOUNT = new SignInThrottle(5, Duration.ofHours(24), Duration.ofMinutes(1));
    /** Failed sign-ins from one client within {@link #CLIENT_WINDOW} before each next one must wait. */
    public static final SignInThrottle CLIENT = new SignInThrottle(10, Duration.ofMinutes(15), Duration.ofMinutes(5));

    private final Jdbi jdbi;

    public UserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.fromCode(rs.getString("role")), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    public Optional<User> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select id, username, display_name, role, active, created_at from app_user where id = ?")
                .bind(0, id).map((rs, c) -> map(rs)).findOne());
    }

    public Optional<User> findByUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select id, username, display_name, role, active, created_at from app_user
                        where lower(username) = lower(?)""")
                .bind(0, username).map((rs, c) -> map(rs)).findOne());
    }

    public List<User> all() {
        return jdbi.withHandle(h -> h.createQuery(
                        "select id, username, display_name, role, active, created_at from app_user order by lower(username)")
                .map((rs, c) -> map(rs)).list());
    }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from app_user").mapTo(Integer.class).one());
    }

    /** Creates a user; the caller has validated the fields. */
    public User create(String username, String displayName, Role role, String password) {
        String hash = Passwords.hash(password);
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        insert into app_user (username, display_name, role, password_hash)
                        values (:u, :d, :r, :p)""")
                .bind("u", username).bind("d", displayName).bind("r", role.code()).bind("p", hash)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return find(id).orElseThrow();
    }

    public void update(long id, String displayName, Role role, boolean active) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update app_user set display_name = :d, role = :r, active = :a where id = :id")
                .bind("d", displayName).bind("r", role.code()).bind("a", active).bind("id", id).execute());
    }

    public void setPassword(long id, String password) {
        String hash = Passwords.hash(password);
        jdbi.useHandle(h -> h.execute("update app_user set password_hash = ? where id = ?", hash, id));
    }

    /** The number of active admins (the last one may not be demoted or deactivated). */
    public int activeAdmins() {
        return jdbi.withHandle(h -> h.createQuery(
                "select count(*) from app_user where role = 'admin' and active").mapTo(Integer.class).one());
    }

    /** The outcome of a sign-in attempt. */
    public sealed interface SignIn {
        record Success(User user) implements SignIn {}

        record WrongCredentials() implements SignIn {}

        /** Not tried: the username or the client must wait that many seconds (or the node is hashing all it may). */
        record Throttled(int retryAfterSeconds) implements SignIn {}
    }

    /**
     * Checks a username and password. Every failure is recorded; past the free failures of the username
     * ({@link #ACCOUNT}) or of the client ({@link #CLIENT}) an attempt made before the back-off since the last
     * failure has passed is not tried at all. The back-off is capped, so the rightful user is never locked out for
     * good (and an admin can clear a username's failures, {@link #clearFailures}). Unknown users and wrong
     * passwords fail alike; password checks run only as {@link Passwords#matchesIfFree} allows.
     */
    public SignIn signIn(String username, String password, String ip) {
        String name = username == null ? "" : username.trim();
        int wait = jdbi.withHandle(h -> Math.max(
                ACCOUNT.waitSeconds(h.createQuery("""
                                select count(*), coalesce(extract(epoch from now() - max(failed_at)), 0) from login_failure
                                where lower(username) = lower(:u) and failed_at > now() - make_interval(secs => :w)""")
                        .bind("u", name).bind("w", (double) ACCOUNT.window().toSeconds())
                        .map((rs, c) -> new double[] {rs.getInt(1), rs.getDouble(2)}).one()),
                CLIENT.waitSeconds(h.createQuery("""
                                select count(*), coalesce(extract(epoch from now() - max(failed_at)), 0) from login_failure
                                where ip = :ip and failed_at > now() - make_interval(secs => :w)""")
                        .bind("ip", ip).bind("w", (double) CLIENT.window().toSeconds())
                        .map((rs, c) -> new double[] {rs.getInt(1), rs.getDouble(2)}).one())));
        if (wait > 0) {
            return new SignIn.Throttled(wait);
        }
        Optional<String> hash = jdbi.withHandle(h -> h.createQuery(
                        "select password_hash from app_user where lower(username) = lower(?) and active")
                .bind(0, name).mapTo(String.class).findOne());
        // Hash even for unknown users so that timing does not reveal which usernames exist.
        Optional<Boolean> matches = Passwords.matchesIfFree(password == null ? "" : password,
                hash.orElseGet(DummyHash::value));
        if (matches.isEmpty()) {
            return new SignIn.Throttled(Passwords.BUSY_RETRY_SECONDS);
        }
        boolean ok = matches.get() && hash.isPresent();
        if (!ok) {
            recordFailure(name, ip);
            return new SignIn.WrongCredentials();
        }
        jdbi.useHandle(h -> h.execute("delete from login_failure where lower(username) = lower(?)", name));
        return new SignIn.Success(findByUsername(name).orElseThrow());
    }

    /** Recent failed sign-ins of a username (within the account window). */
    public int recentFailures(String username) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select count(*) from login_failure
                        where lower(username) = lower(:u) and failed_at > now() - make_interval(secs => :w)""")
                .bind("u", username).bind("w", (double) ACCOUNT.window().toSeconds()).mapTo(Integer.class).one());
    }

    /** Forgets a username's failed sign-ins (an admin unlocking it); returns how many there were. */
    public int clearFailures(String username) {
        return jdbi.withHandle(h -> h.createUpdate("delete from login_failure where lower(username) = lower(:u)")
                .bind("u", username).execute());
    }

    private void recordFailure(String username, String ip) {
        jdbi.useHandle(h -> h.execute("insert into login_failure (username, ip) values (?, ?)", username, ip));
    }

    /** A hash to check unknown usernames against, made on first need (Argon2 takes a moment). */
    private static final class DummyHash {
        private static final String VALUE = Passwords.hash("not a password of anyone");

        static String value() {
            return VALUE;
        }
    }
}

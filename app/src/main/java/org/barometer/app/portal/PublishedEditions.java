package org.barometer.app.portal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.barometer.app.platform.BackgroundLoop;
import org.barometer.app.platform.Platform;
import org.barometer.app.publish.spec.EditionException;
import org.barometer.app.publish.compute.PublicationStore;
import org.barometer.app.publish.compute.Publishing;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publications one node's portal shows: for every edition with a publication in the database, its latest
 * publication, loaded (from its snapshot: first what its pages show, then its data, see {@link PublishedEdition})
 * into memory once on this node, or taken as computed
 * from this node's own publication job (see {@link #offer}).
 *
 * <p>Nodes share nothing but PostgreSQL, so each node follows the {@code publication} table by itself: every
 * {@link #CHECK_EVERY} it reads the latest publication id of every edition (one query), and loads a newer one in
 * the background, at most {@link #LOADS_AT_ONCE} at a time, while the pages keep showing the one before. Only a node that has
 * nothing to show yet (just started) makes its first request wait for a load. A publication that fails to load
 * is logged and the one before stays; it is tried again after {@link #RETRY_AFTER}. Without any publication in
 * the database the portal says that nothing is published yet.
 *
 * <p>The same check reads which edition's publication was withdrawn (the portal then shows its notice instead, and
 * the publication is let go from memory) and which edition staff chose to be shown first, so every node follows
 * both within {@link #CHECK_EVERY} too. A preview of a publication not yet released ({@link #preview}) is loaded
 * apart from all of this, and never shown to anyone but the staff who asked for it.
 */
public final class PublishedEditions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedEditions.class);

    /** How often a node asks the database for the latest publications. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** When a publication that failed to load is tried again (the database may have been away). */
    public static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    /**
     * How many publications load at once: one per core, so that a node that starts with a series of editions
     * stored shows all of them in about the time the longest takes, and no more loads than cores compete.
     */
    static final int LOADS_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * How many editions' data are weighted at once, in the background of editions already shown: one core fewer
     * than the loads, so that the pages of a node just started are answered while its data load (a page's first
     * rendering is the slowest it will be).
     */
    static final int DATA_LOADS_AT_ONCE = Math.max(1, LOADS_AT_ONCE - 1);

    /**
     * Loads run on platform threads: a load computes for a second or so without blocking, and on a virtual
     * thread it would hold one of the few carriers that the requests' virtual threads need meanwhile.
     */
    private static final Executor LOADER = task -> Thread.ofPlatform().daemon(true).name("publication-load").start(task);

    /**
     * An edition the portal can show.
     *
     * @param key           how {@code ?edition=} names it: the edition's database id
     * @param editionId     the edition's database id
     * @param publicationId the publication shown
     * @param name          the edition's name in the database
     */
    public record Entry(String key, Long editionId, Long publicationId, String name, PublishedEdition edition) {
        /** The id in the edition's specification ({@code edition.json}), e.g. {@code 2019}. */
        public String specId() {
            return edition.spec().id();
        }

        /** Whether {@code ?edition=wanted} asks for this edition by its key or by its spec's id. */
        boolean named(String wanted, boolean byKey) {
            return byKey ? key.equals(wanted) : specId().equals(wanted);
        }

        /**
         * The edition's title in a language, with its database name added when another of {@code all} has the
         * same title (so that a visitor can tell them apart).
         */
        public String label(List<Entry> all, Locale locale) {
            String title = edition.spec().title().in(locale);
            boolean shared = all.stream().anyMatch(o -> o != this && o.edition.spec().title().in(locale).equals(title));
            return shared && name != null ? title + " (" + name + ")" : title;
        }
    }

    /**
     * An edition whose publication was withdrawn: the portal shows the notice in place of its figures.
     *
     * @param key how {@code ?edition=} names it: the edition's database id
     */
    public record Withdrawn(String key, long editionId, long publicationId, String name,
                            PublicationStore.Withdrawal withdrawal) {
    }

    /** An edition's latest publication as stored. */
    private record Latest(long editionId, String name, long publicationId, String specFolder,
                          PublicationStore.Withdrawal withdrawal, boolean shownFirst) {
    }

    /** What this node knows and does about one edition; guarded by {@link #lock}. */
    private static final class Slot {
        Latest latest;
        long shownId;
        PublishedEdition shown;
        long loadingId;
        /** Ends when the load under way shows its edition or fails; its data may load on after that. */
        CompletableFuture<Void> loading;
        long failedId;
        long failedAt;
    }

    /**
     * What the pages get: after the first check, whether the database has any publication to show (not withdrawn),
     * the loaded editions, newest first, the edition shown first (its key; null for the newest) and the withdrawn
     * editions, newest first.
     */
    private record View(boolean checked, boolean stored, List<Entry> entries, String firstKey,
                        List<Withdrawn> withdrawn) {
    }

    private final Jdbi jdbi;
    private final PublicationStore publications;
    private final Object refreshing = new Object();
    private final Object lock = new Object();
    private final Map<Long, Slot> slots = new HashMap<>();
    private List<Long> order = List.of();
    private final Semaphore loadsRunning = new Semaphore(LOADS_AT_ONCE, true);
    private final Semaphore dataLoadsRunning = new Semaphore(DATA_LOADS_AT_ONCE, true);
    private volatile View view = new View(false, false, List.of(), null, List.of());
    /** Previews of publications not yet released, by publication id: a few, the oldest let go first. */
    private final Map<Long, CompletableFuture<PublishedEdition>> previews = new java.util.LinkedHashMap<>();
    private static final int PREVIEWS_KEPT = 3;
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger failedLoads = new AtomicInteger();
    private BackgroundLoop loop;

    /** The publications stored in a database. */
    public PublishedEditions(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.publications = new PublicationStore(jdbi);
    }

    /**
     * Checks the database every {@link #CHECK_EVERY} from now on, until the platform's pool closes; a second call
     * (a second server on the same platform) changes nothing.
     */
    public synchronized void startChecking(Platform platform) {
        if (loop == null) {
            loop = BackgroundLoop.start(platform, "portal-publications", CHECK_EVERY, this::refresh);
        }
    }

    /**
     * The editions this node shows, newest first (by the edition's year, then the latest created); none while the
     * database has no publication. On a node that has loaded nothing yet this waits for the first load.
     *
     * @throws IllegalStateException when the database has publications and none of them loads
     */
    public List<Entry> editions() {
        if (!view.checked()) {
            refresh();
        }
        if (!view.stored()) {
            return List.of();
        }
        if (view.entries().isEmpty()) {
            awaitFirstLoads(false);
        }
        List<Entry> entries = view.entries();
        if (entries.isEmpty()) {
            throw new IllegalStateException("No stored publication loads on this node; the log says why");
        }
        return entries;
    }

    /**
     * The edition the portal shows when a request names none: the one staff chose, while it is shown, else the
     * newest of {@code entries} (as {@link #editions} gave them).
     */
    public Entry first(List<Entry> entries) {
        String key = view.firstKey();
        if (key != null) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
        }
        return entries.getFirst();
    }

    /** The withdrawn editions, newest first. */
    public List<Withdrawn> withdrawn() {
        if (!view.checked()) {
            refresh();
        }
        return view.withdrawn();
    }

    /** The withdrawn edition whose key (database id) is {@code wanted}, if it is one. */
    public Optional<Withdrawn> withdrawn(String wanted) {
        return withdrawn().stream().filter(w -> w.key().equals(wanted)).findFirst();
    }

    /** A stored publication, released or not (for staff's preview). */
    public Optional<PublicationStore.Stored> stored(long publicationId) {
        return publications.find(publicationId);
    }

    /**
     * A publication not yet released as the portal will show it, for staff's preview: loaded (recomputed) on first
     * asking, kept apart from the editions the portal shows (a few at a time), so nothing of it reaches the public.
     * Its explorer answers nothing: the explorer records what it has answered for the edition's public.
     *
     * @throws EditionException when the publication's edition files do not load
     */
    public PublishedEdition preview(PublicationStore.Stored publication) throws EditionException {
        CompletableFuture<PublishedEdition> future;
        boolean mine = false;
        synchronized (previews) {
            future = previews.get(publication.id());
            if (future == null) {
                future = new CompletableFuture<>();
                previews.put(publication.id(), future);
                mine = true;
                while (previews.size() > PREVIEWS_KEPT) {
                    previews.remove(previews.keySet().iterator().next());
                }
            }
        }
        if (mine) {
            try {
                future.complete(PublishedEdition.preview(
                        Publishing.load(jdbi, publication.editionId(), publication.specFolder(), publication.id())));
            } catch (EditionException | RuntimeException e) {
                synchronized (previews) {
                    previews.remove(publication.id(), future);
                }
                future.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof EditionException edition) {
                throw edition;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The edition {@code ?edition=wanted} names: by key (the database id) first, else by its spec's id (the
     * newest edition with that id). On a node still loading editions for the first time, a name not found
     * waits for those loads before it is called unknown.
     */
    public Optional<Entry> find(String wanted) {
        Optional<Entry> found = named(editions(), wanted);
        if (found.isEmpty() && awaitFirstLoads(true)) {
            found = named(editions(), wanted);
        }
        return found;
    }

    private static Optional<Entry> named(List<Entry> entries, String wanted) {
        for (boolean byKey : new boolean[] {true, false}) {
            for (Entry e : entries) {
                if (e.named(wanted, byKey)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** How many publications this node has loaded (for monitoring and tests). */
    public int loads() {
        return loads.get();
    }

    /** How many loads failed on this node. */
    public int failedLoads() {
        return failedLoads.get();
    }

    /**
     * Reads the latest publication of every edition and queues a load of each one this node does not show yet
     * (unless it is being loaded, or failed less than {@link #RETRY_AFTER} ago). Done every
     * {@link #CHECK_EVERY} once {@link #startChecking} was called, and by the first request of a node.
     */
    public void refresh() {
        synchronized (refreshing) {
            List<Latest> rows = latest();
            long now = System.nanoTime();
            synchronized (lock) {
                order = rows.stream().map(Latest::editionId).toList();
                slots.keySet().retainAll(new HashSet<>(order));
                for (Latest row : rows) {
                    Slot slot = slots.computeIfAbsent(row.editionId(), id -> new Slot());
                    slot.latest = row;
                    long id = row.publicationId();
                    if (row.withdrawal() != null) {
                        // withdrawn: never shown again, so let it go (a load under way is left aside when it ends)
                        slot.shown = null;
                        slot.shownId = 0;
                        continue;
                    }
                    boolean recentlyFailed = slot.failedId == id && now - slot.failedAt < RETRY_AFTER.toNanos();
                    if (slot.shownId != id && slot.loadingId != id && !recentlyFailed) {
                        slot.loadingId = id;
                        CompletableFuture<Void> ended = new CompletableFuture<>();
                        slot.loading = ended;
                        // ended by the load itself (loaded) as soon as it shows; here too, should it end otherwise
                        CompletableFuture.runAsync(() -> loadInTurn(slot, row), LOADER)
                                .whenComplete((done, failure) -> ended.complete(null));
                    }
                }
                publish();
            }
        }
    }

    /**
     * Shows a publication this node has just computed and stored (its publication job ran here), so that the
     * next check finds it shown and does not compute it again. The pages see it from that check on (which
     * reads the edition's name), or at once when the edition was shown already.
     */
    public void offer(long editionId, long publicationId, PublishedEdition edition) {
        if (!publications.released(publicationId)) {
            return; // under embargo: the checks show it from its release time on
        }
        synchronized (lock) {
            Slot slot = slots.computeIfAbsent(editionId, id -> new Slot());
            if (slot.shownId > publicationId || (slot.latest != null && slot.latest.withdrawal() != null
                    && slot.latest.publicationId() >= publicationId)) {
                return;
            }
            slot.shown = edition;
            slot.shownId = publicationId;
            publish();
        }
    }

    private List<Latest> latest() {
        return publications.latestOfEachEdition().stream()
                .map(p -> new Latest(p.editionId(), p.editionName(), p.id(), p.specFolder(), p.withdrawal(),
                        p.shownFirst())).toList();
    }

    /**
     * Loads when one of the {@link #LOADS_AT_ONCE} turns is free, in the order asked. An edition shown from its
     * snapshot gives its turn back before its data are weighted, and waits for a second turn for them, also one
     * of the {@link #DATA_LOADS_AT_ONCE}: the turns are granted in order, so every edition waiting to be shown is
     * shown before any data are weighted, and the data never take every core.
     */
    private void loadInTurn(Slot slot, Latest row) {
        PublishedEdition waitingForData;
        loadsRunning.acquireUninterruptibly();
        try {
            waitingForData = load(slot, row);
        } finally {
            loadsRunning.release();
        }
        if (waitingForData != null) {
            // always the data turn first, so a load waiting for it holds no turn an edition to be shown needs
            dataLoadsRunning.acquireUninterruptibly();
            loadsRunning.acquireUninterruptibly();
            try {
                analyse(waitingForData, row);
            } finally {
                loadsRunning.release();
                dataLoadsRunning.release();
            }
        }
    }

    /** Loads a publication; returns it when it is shown from its snapshot and its data are still to load. */
    private PublishedEdition load(Slot slot, Latest row) {
        synchronized (lock) {
            if (slot.shownId == row.publicationId()) {
                // offered by this node's publication job while the load waited for its turn
                loaded(slot, row);
                return null;
            }
        }
        long started = System.nanoTime();
        try {
            // first what the pages show, from the snapshot, so the edition is shown while its data are weighted
            PublishedEdition edition = Publishing.loadShown(jdbi, row.editionId(), row.specFolder(), row.publicationId())
                    .map(PublishedEdition::shown).orElse(null);
            if (edition != null) {
                LOG.info("portal: publication {} of edition {} shown in {} ms", row.publicationId(), row.editionId(),
                        (System.nanoTime() - started) / 1_000_000);
                show(slot, row, edition);
                return edition;
            }
            edition = PublishedEdition.of(
                    Publishing.load(jdbi, row.editionId(), row.specFolder(), row.publicationId()), jdbi, row.editionId());
            loads.incrementAndGet();
            LOG.info("portal: publication {} of edition {} loaded in {} ms", row.publicationId(), row.editionId(),
                    (System.nanoTime() - started) / 1_000_000);
            show(slot, row, edition);
            return null;
        } catch (EditionException | RuntimeException e) {
            failedLoads.incrementAndGet();
            synchronized (lock) {
                LOG.warn("portal: publication {} of edition {} does not load ({}); {}: {}", row.publicationId(),
                        row.editionId(), row.specFolder(), slot.shown == null ? "the edition is not shown"
                                : "publication " + slot.shownId + " is still shown", e.getMessage());
                slot.failedId = row.publicationId();
                slot.failedAt = System.nanoTime();
                loaded(slot, row);
            }
            return null;
        }
    }

    /**
     * The data of an edition shown from its snapshot: weighted again and given to it. When they do not load, what
     * needs them fails on this node (the pages from the snapshot stay), and the log says why.
     */
    private void analyse(PublishedEdition edition, Latest row) {
        long started = System.nanoTime();
        try {
            edition.analysed(Publishing.load(jdbi, row.editionId(), row.specFolder(), row.publicationId(),
                    edition.spec()), jdbi, row.editionId());
            loads.incrementAndGet();
            LOG.info("portal: the data of publication {} of edition {} loaded in {} ms", row.publicationId(),
                    row.editionId(), (System.nanoTime() - started) / 1_000_000);
        } catch (EditionException | RuntimeException e) {
            failedLoads.incrementAndGet();
            edition.notAnalysed(e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
            LOG.warn("portal: the data of publication {} of edition {} do not load: {}", row.publicationId(),
                    row.editionId(), e.getMessage());
        }
    }

    /** Shows a loaded edition, unless it was withdrawn or a newer publication is shown meanwhile. */
    private void show(Slot slot, Latest row, PublishedEdition edition) {
        synchronized (lock) {
            boolean withdrawn = slot.latest != null && slot.latest.withdrawal() != null;
            // loads run side by side: an older publication that ends after a newer one does not replace it
            boolean superseded = slot.shown != null && slot.latest != null
                    && slot.latest.publicationId() != row.publicationId();
            if (!withdrawn && !superseded) {
                slot.shown = edition;
                slot.shownId = row.publicationId();
            }
            loaded(slot, row);
        }
    }

    /** Ends a load (holding the lock): the slot's next check may load again, and the pages see the result. */
    private void loaded(Slot slot, Latest row) {
        if (slot.loadingId == row.publicationId()) {
            slot.loadingId = 0;
            slot.loading.complete(null);
        }
        publish();
    }

    /** Makes the loaded editions what the pages see (holding the lock). */
    private void publish() {
        List<Entry> entries = new ArrayList<>();
        List<Withdrawn> withdrawn = new ArrayList<>();
        boolean stored = false;
        String firstKey = null;
        for (long id : order) {
            Slot slot = slots.get(id);
            Latest latest = slot.latest;
            if (latest != null && latest.withdrawal() != null) {
                withdrawn.add(new Withdrawn(Long.toString(id), id, latest.publicationId(), latest.name(),
                        latest.withdrawal()));
                continue;
            }
            stored = true;
            if (latest != null && latest.shownFirst()) {
                firstKey = Long.toString(id);
            }
            if (slot.shown != null) {
                entries.add(new Entry(Long.toString(id), id, slot.shownId, latest == null ? null : latest.name(),
                        slot.shown));
            }
        }
        view = new View(true, stored, List.copyOf(entries), firstKey, List.copyOf(withdrawn));
    }

    /**
     * Waits for the loads of editions that have nothing shown yet: until the first of them ends with something to
     * show ({@code all} false), or for all of them. True when there was a load to wait for.
     */
    private boolean awaitFirstLoads(boolean all) {
        boolean waited = false;
        while (true) {
            CompletableFuture<Void> next = null;
            synchronized (lock) {
                for (long id : order) {
                    Slot slot = slots.get(id);
                    if (slot.shown == null && slot.loadingId != 0) {
                        next = slot.loading;
                        break;
                    }
                }
            }
            if (next == null || (!all && !view.entries().isEmpty())) {
                return waited;
            }
            next.join();
            waited = true;
        }
    }

    /** Stops following the database (the publications loaded so far stay readable). */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
        }
    }
}

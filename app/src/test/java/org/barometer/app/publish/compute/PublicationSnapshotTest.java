package org.barometer.app.publish.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publication is computed once: its snapshot is stored with it, and loading it gives exactly what computing it
 * from the database gives — the same weights, the same data and every figure, exact and as published — while a
 * publication stored without a snapshot (before snapshots existed) is computed on loading, as before.
 */
class PublicationSnapshotTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    static PublicationStore.Stored stored;

    @BeforeAll
    static void publish() throws Exception {
        long edition = server.publishDemo();
        stored = new PublicationStore(server.jdbi()).latest(edition).orElseThrow();
    }

    @Test
    void loadingTheSnapshotGivesWhatComputingGives() throws Exception {
        assertThat(server.count("select count(*) from publication_snapshot where publication_id = ?", stored.id()))
                .isEqualTo(1);
        Publication computed = Publishing.compute(server.jdbi(), stored.editionId(), stored.specFolder());
        Publication loaded = Publishing.load(server.jdbi(), stored.editionId(), stored.specFolder(), stored.id());
        same(computed, loaded);
    }

    @Test
    void whatThePagesShowIsReadWithoutTheDataAndIsWhatComputingGives() throws Exception {
        Publication computed = Publishing.compute(server.jdbi(), stored.editionId(), stored.specFolder());
        Publishing.Shown shown = Publishing.loadShown(server.jdbi(), stored.editionId(), stored.specFolder(),
                stored.id()).orElseThrow();
        assertThat(json(shown.published())).isEqualTo(json(computed.published()));
        assertThat(shown.frameSize()).isEqualTo(computed.frameSize());
        assertThat(shown.sampleSize()).isEqualTo(computed.sampleSize());
        List<Headlines.Result> headlines = Headlines.compute(computed.edition(), computed.data(), computed.estimator(),
                computed.keys());
        assertThat(headlines).isNotEmpty();
        assertThat(shown.headlines()).isEqualTo(headlines);
        // the pages' part is stored apart from the body, a small part of it, so that showing reads no survey
        byte[] shownPart = server.jdbi().withHandle(h -> h.createQuery(
                "select shown from publication_snapshot where publication_id = ?").bind(0, stored.id())
                .mapTo(byte[].class).one());
        byte[] kept = server.jdbi().withHandle(h -> h.createQuery(
                "select body from publication_snapshot where publication_id = ?").bind(0, stored.id())
                .mapTo(byte[].class).one());
        assertThat(shownPart).isNotNull();
        assertThat(shownPart.length).isLessThan(kept.length / 4);
        server.jdbi().useHandle(h -> h.execute("update publication_snapshot set shown = null where publication_id = ?",
                stored.id()));
        try {
            // a snapshot stored before the part was kept apart: the part is read from the body, the same
            Publishing.Shown fromBody = Publishing.loadShown(server.jdbi(), stored.editionId(), stored.specFolder(),
                    stored.id()).orElseThrow();
            assertThat(json(fromBody.published())).isEqualTo(json(shown.published()));
            assertThat(fromBody.headlines()).isEqualTo(shown.headlines());
            assertThat(fromBody.frameSize()).isEqualTo(shown.frameSize());
            assertThat(fromBody.sampleSize()).isEqualTo(shown.sampleSize());
            oldSnapshotIsLoadedWhole(computed, kept);
        } finally {
            server.jdbi().useHandle(h -> h.execute("update publication_snapshot set shown = ? where publication_id = ?",
                    shownPart, stored.id()));
        }
    }

    /** A snapshot written before the pages' part was kept at all (no headlines) is loaded whole instead. */
    private static void oldSnapshotIsLoadedWhole(Publication computed, byte[] kept) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(kept)));
        old.remove(List.of("headlines", "frameSize", "sampleSize"));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            mapper.writeValue(out, old);
        }
        try {
            server.jdbi().useHandle(h -> h.execute("update publication_snapshot set body = ? where publication_id = ?",
                    gz.toByteArray(), stored.id()));
            assertThat(Publishing.loadShown(server.jdbi(), stored.editionId(), stored.specFolder(), stored.id()))
                    .isEmpty();
            same(computed, Publishing.load(server.jdbi(), stored.editionId(), stored.specFolder(), stored.id()));
        } finally {
            server.jdbi().useHandle(h -> h.execute("update publication_snapshot set body = ? where publication_id = ?",
                    kept, stored.id()));
        }
    }

    @Test
    void aPublicationWithoutASnapshotIsComputedOnLoading() throws Exception {
        Publication computed = Publishing.compute(server.jdbi(), stored.editionId(), stored.specFolder());
        byte[] kept = server.jdbi().withHandle(h -> h.createQuery(
                "select body from publication_snapshot where publication_id = ?").bind(0, stored.id())
                .mapTo(byte[].class).one());
        byte[] keptShown = server.jdbi().withHandle(h -> h.createQuery(
                "select shown from publication_snapshot where publication_id = ?").bind(0, stored.id())
                .mapTo(byte[].class).one());
        server.jdbi().useHandle(h -> h.execute("delete from publication_snapshot where publication_id = ?", stored.id()));
        try {
            same(computed, Publishing.load(server.jdbi(), stored.editionId(), stored.specFolder(), stored.id()));
            // a snapshot of another layout is not read either
            server.jdbi().useHandle(h -> h.execute(
                    "insert into publication_snapshot (publication_id, format, body) values (?, ?, ?)", stored.id(),
                    PublicationSnapshot.FORMAT + 1, new byte[] {1, 2, 3}));
            same(computed, Publishing.load(server.jdbi(), stored.editionId(), stored.specFolder(), stored.id()));
        } finally {
            server.jdbi().useHandle(h -> {
                h.execute("delete from publication_snapshot where publication_id = ?", stored.id());
                h.execute("insert into publication_snapshot (publication_id, format, body, shown) values (?, ?, ?, ?)",
                        stored.id(), PublicationSnapshot.FORMAT, kept, keptShown);
            });
        }
    }

    private static void same(Publication computed, Publication loaded) {
        assertThat(loaded.weights().weight()).containsExactly(computed.weights().weight());
        assertThat(loaded.responseIds()).containsExactly(computed.responseIds());
        assertThat(loaded.frameSize()).isEqualTo(computed.frameSize());
        assertThat(loaded.sampleSize()).isEqualTo(computed.sampleSize());
        assertThat(loaded.data().variables()).isEqualTo(computed.data().variables());
        assertThat(json(loaded.figures())).isEqualTo(json(computed.figures()));
        assertThat(json(loaded.published())).isEqualTo(json(computed.published()));
        assertThat(loaded.figures()).hasSize(computed.edition().figures().size());
        // the standard errors the explorer and the trends compute from the loaded weights are the same
        boolean[] all = new boolean[loaded.weights().size()];
        java.util.Arrays.fill(all, true);
        boolean[] yes = loaded.data().condition(org.barometer.app.publish.spec.EditionReader.parseTrusted("${innovator} = 1"));
        assertThat(loaded.estimator().share(all, yes).se()).isEqualTo(computed.estimator().share(all, yes).se());
    }

    private static List<Map<String, Object>> json(List<FigureResult> figures) {
        return figures.stream().map(FigureJsonWriter::of).toList();
    }
}

package org.barometer.app.publish.spec;

import org.barometer.app.publish.job.JobStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.demo.DemoEdition;
import org.barometer.app.edition.QuestionnaireStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.JobWait;
import org.barometer.app.testing.Poll;
import org.barometer.app.testing.TestDatabase;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.TrialEdition;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.barometer.app.demo.DemoFiles;
import org.barometer.app.publish.compute.Publication;
import org.barometer.app.publish.compute.Publishing;
import org.barometer.app.publish.job.PublishJobs;
/**
 * An edition's files uploaded on its analysis page: checked as a whole against the edition's questionnaire and
 * sample, stored as a new version (who, when, SHA-256, audited) or refused with every problem and nothing stored;
 * a job publishes the latest version, whose title, figures, weighting and headlines the portal then shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditionFilesTest {

    @RegisterExtension
    static final TestServer server = new TestServer().withEnv("BAROMETER_JOBS_POLL_MS", "200");

    static final ObjectMapper JSON = new ObjectMapper();
    static long demo;
    static long trial;

    @BeforeAll
    static void editions() throws Exception {
        demo = DemoEdition.load(server.jdbi()).edition().id();
        DemoEdition.answer(server.jdbi(), demo);
        DemoEdition.code(server.jdbi(), demo);
        trial = TestForm.edition(server.jdbi(), "Trial");
    }

    /** The demo's files with edition.json changed: a new title, two figures, linear calibration, one headline. */
    static Map<String, String> changedDemoFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(DemoFiles.editionFiles());
        ObjectNode edition = (ObjectNode) JSON.readTree(files.get("edition.json"));
        edition.set("title", JSON.readTree("{\"da\": \"Ændret udgave\", \"en\": \"Changed edition\"}"));
        // without a portal section of its own, the front page is titled by the edition
        edition.remove("portal");
        edition.set("figures", JSON.readTree("[\"figures/fig01.json\", \"figures/fig03.json\"]"));
        edition.set("weighting", JSON.readTree("{\"method\": \"linear\"}"));
        edition.set("headlines", JSON.readTree("""
                [{"base": "${innovator} = 1", "condition": "${tech} = 1",
                  "text": {"da": "af innovationerne bruger teknologi", "en": "of the innovations use technology"}}]"""));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("edition.json", JSON.writeValueAsString(edition));
        out.put("figures/fig01.json", files.get("figures/fig01.json"));
        out.put("figures/fig03.json", files.get("figures/fig03.json"));
        return out;
    }

    static int stored() {
        return server.count("select count(*) from edition_files");
    }

    @Test
    @Order(1)
    void anEditionWithoutFilesStartsNoJob() throws Exception {
        WebClient admin = server.admin().language("en");
        assertThat(admin.get("/admin/analysis/" + trial).body()).contains("No edition files are uploaded yet");
        WebClient.Response refused = admin.submit("/admin/analysis/" + trial, "/admin/analysis/" + trial + "/jobs", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("There is a problem")
                .contains("No job was started: this edition has no edition files. Upload them first.");
        assertThat(admin.language("da").submit("/admin/analysis/" + trial, "/admin/analysis/" + trial + "/jobs", Map.of())
                .body()).contains("Ingen kørsel blev startet");
        assertThat(server.count("select count(*) from analysis_job")).isZero();

        assertThat(EditionSource.forNewJob(server.jdbi(), demo)).isEmpty();
        assertThat(EditionSource.forNewJob(server.jdbi(), trial)).isEmpty();
    }

    @Test
    @Order(2)
    void anAcceptedUploadIsANewVersionThatAJobPublishes() throws Exception {
        // a ZIP made of the edition's folder holds the files under the folder's name
        Map<String, String> inFolder = new LinkedHashMap<>();
        changedDemoFiles().forEach((name, text) -> inFolder.put("changed/" + name, text));
        byte[] zip = EditionZip.write(inFolder);
        WebClient admin = server.admin().language("en");
        admin.get("/admin/analysis/" + demo);
        WebClient.Response uploaded = admin.postMultipart("/admin/analysis/" + demo + "/files", Map.of(), "files",
                "changed.zip", zip);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(303);
        assertThat(uploaded.location()).isEqualTo("/admin/analysis/" + demo + "?files=1");

        EditionFilesStore.Version v = new EditionFilesStore(server.jdbi()).current(demo).orElseThrow();
        assertThat(v.version()).isEqualTo(1);
        assertThat(v.fileName()).isEqualTo("changed.zip");
        assertThat(v.sha256()).isEqualTo(QuestionnaireStore.sha256(zip));
        assertThat(v.uploadedBy()).isEqualTo(TestServer.ADMIN);
        assertThat(v.questionnaireId()).isEqualTo(server.jdbi().withHandle(h -> h.createQuery(
                "select questionnaire_id from edition where id = :e").bind("e", demo).mapTo(Long.class).one()));
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.files.upload' and target = ?"
                + " and detail like ?", "edition:" + demo, "edition files version 1: changed.zip sha256 " + v.sha256())).isOne();
        assertThat(admin.get(uploaded.location()).body()).contains("The edition files are checked and stored as version 1.")
                .contains("changed.zip").contains(v.sha256());

        WebClient.Response started = admin.submit("/admin/analysis/" + demo, "/admin/analysis/" + demo + "/jobs", Map.of());
        assertThat(started.status()).isEqualTo(303);
        JobStore.Job job = JobWait.awaitEnd(server.jdbi(), Long.parseLong(started.location().replaceAll(".*/", "")));
        assertThat(job.state()).as(job.log()).isEqualTo("succeeded");
        assertThat(job.specFolder()).isEqualTo("stored:" + v.id());
        assertThat(job.log()).contains("Reading the edition files: version 1 (changed.zip, SHA-256 " + v.sha256())
                .contains("Edition read: 2 figures, 1 headlines").contains("Calibration (linear)");

        String source = server.jdbi().withHandle(h -> h.createQuery("select spec_folder from publication where id = :p")
                .bind("p", job.publicationId()).mapTo(String.class).one());
        assertThat(source).isEqualTo("stored:" + v.id());
        assertThat(server.count("select jsonb_array_length(figures) from publication where id = ?", job.publicationId())).isEqualTo(2);
        assertThat(server.count("""
                select count(*) from analysis_weights w join publication p on p.weights_id = w.id
                where p.id = ? and w.method = 'linear'""", job.publicationId())).isOne();
        Publication again = Publishing.compute(server.jdbi(), demo, source);
        assertThat(again.edition().title().en()).isEqualTo("Changed edition");
        assertThat(again.figures()).extracting(f -> f.spec().file()).containsExactly("figures/fig01.json", "figures/fig03.json");
        // without a portal section, captions speak of the population in neutral words
        assertThat(again.figures().getFirst().captions().get("en")).contains("Data are weighted to represent the population.");
        assertThat(again.figures().getFirst().captions().get("da")).contains("Data er vægtet til at repræsentere populationen.");

        // the portal follows the publication table by itself, within about a second
        String front = Poll.until(Duration.ofSeconds(30), () -> server.client().language("en").get("/portal").body(),
                body -> body.contains("Changed edition"));
        assertThat(front).contains("Changed edition").contains("of the innovations use technology")
                .doesNotContain("of public workplaces introduced at least one innovation");
        assertThat(server.client().language("da").get("/portal").body()).contains("af innovationerne bruger teknologi");
        assertThat(server.client().language("en").get("/portal/methods").body())
                .contains("the weights are calibrated linearly (GREG) to the register's counts by government level and area"
                        + " and by size group").doesNotContain("Raking used");

        // the next upload is version 2, and the first stays stored
        EditionFilesStore.Upload second = new EditionFilesStore(server.jdbi()).upload(demo, "demo.zip",
                EditionZip.write(DemoFiles.editionFiles()), null);
        assertThat(second.problems()).isEmpty();
        assertThat(second.version().version()).isEqualTo(2);
        assertThat(new EditionFilesStore(server.jdbi()).current(demo).orElseThrow().id()).isEqualTo(second.version().id());
        assertThat(EditionSource.forNewJob(server.jdbi(), demo)).contains(EditionSource.stored(second.version().id()));
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void badUploadsAreRefusedOnThePageWithEveryProblemAndStoreNothing() throws Exception {
        int before = stored();
        int audited = server.count("select count(*) from audit_log where action = 'analysis.files.upload'");
        WebClient admin = server.admin().language("en");
        admin.get("/admin/analysis/" + demo);
        WebClient.Response notZip = admin.postMultipart("/admin/analysis/" + demo + "/files", Map.of(), "files",
                "edition.json", "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(notZip.status()).isEqualTo(400);
        assertThat(notZip.body()).contains("There is a problem").contains("The edition files were not stored: 1 problem(s)")
                .contains("id=\"edition-files-problems\"").contains("<td>edition.json</td>").contains("not a ZIP file");

        Map<String, String> files = changedDemoFiles();
        files.remove("figures/fig03.json");
        files.put("../outside.json", "{}");
        WebClient.Response spoilt = admin.postMultipart("/admin/analysis/" + demo + "/files", Map.of(), "files",
                "spoilt.zip", EditionZip.write(files));
        assertThat(spoilt.status()).isEqualTo(400);
        assertThat(spoilt.body()).contains("../outside.json").contains("the path leaves the edition folder");

        Map<String, String> missing = changedDemoFiles();
        missing.remove("figures/fig03.json");
        WebClient.Response missingPage = admin.language("da").postMultipart("/admin/analysis/" + demo + "/files", Map.of(),
                "files", "missing.zip", EditionZip.write(missing));
        assertThat(missingPage.status()).isEqualTo(400);
        assertThat(missingPage.body()).contains("Udgavens filer blev ikke gemt").contains("<td>figures/fig03.json</td>")
                .contains("filen findes ikke").doesNotContain("file not found");

        WebClient.Response none = admin.language("en").postMultipart("/admin/analysis/" + demo + "/files", Map.of(),
                "files", "", new byte[0]);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("Choose a ZIP file of the edition files.");

        assertThat(stored()).isEqualTo(before);
        assertThat(server.count("select count(*) from audit_log where action = 'analysis.files.upload'")).isEqualTo(audited);
    }

    @Test
    @Order(4)
    void eachKindOfBadZipIsRefusedNamingTheEntry() throws Exception {
        int before = stored();
        EditionFilesStore files = new EditionFilesStore(server.jdbi());
        Map<String, String> good = changedDemoFiles();
        byte[] goodZip = EditionZip.write(good);

        assertThat(problems(files.upload(demo, "x.zip", "hello".getBytes(StandardCharsets.UTF_8), null)))
                .containsExactly("x.zip: not a ZIP file");
        assertThat(problems(files.upload(demo, "x.zip", java.util.Arrays.copyOf(goodZip, goodZip.length / 2), null)))
                .singleElement().asString().startsWith("x.zip: not a readable ZIP file: ");
        assertThat(problems(files.upload(demo, "x.zip", EditionZip.write(Map.of()), null)))
                .containsExactly("x.zip: the ZIP holds no files");

        Map<String, byte[]> latin1 = new LinkedHashMap<>();
        good.forEach((name, text) -> latin1.put(name, text.getBytes(
                name.equals("figures/fig01.json") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)));
        assertThat(problems(files.upload(demo, "x.zip", TrialEdition.zipBytes(latin1), null))).singleElement().asString()
                .startsWith("figures/fig01.json: not UTF-8 text (byte ");

        Map<String, String> escaping = new LinkedHashMap<>(good);
        escaping.put("figures/../../etc/passwd", "x");
        escaping.put("/absolute.json", "{}");
        escaping.put("figures\\fig09.json", "{}");
        assertThat(problems(files.upload(demo, "x.zip", EditionZip.write(escaping), null))).containsExactly(
                "figures/../../etc/passwd: the path leaves the edition folder",
                "/absolute.json: an absolute path leaves the edition folder",
                "figures\\fig09.json: a path must separate folders with '/', not '\\'");

        Map<String, String> large = new LinkedHashMap<>(good);
        large.put("figures/fig03.json", good.get("figures/fig03.json") + " ".repeat((int) EditionZip.MAX_UNPACKED_BYTES));
        assertThat(problems(files.upload(demo, "x.zip", EditionZip.write(large), null))).containsExactly(
                "figures/fig03.json: too large: the unpacked files may hold at most 20 MB together");

        Map<String, String> extra = new LinkedHashMap<>(good);
        extra.put("notes.txt", "to do");
        extra.put("__MACOSX/._edition.json", "ignored");
        assertThat(problems(files.upload(demo, "x.zip", EditionZip.write(extra), null))).containsExactly(
                "notes.txt: not listed in the figures of edition.json; the ZIP holds only edition.json and the figure files it lists");

        Map<String, String> badMethod = new LinkedHashMap<>(good);
        badMethod.put("edition.json", good.get("edition.json").replace("\"linear\"", "\"rakeing\""));
        assertThat(problems(files.upload(demo, "x.zip", EditionZip.write(badMethod), null))).containsExactly(
                "edition.json: weighting.method: unknown method 'rakeing' (raking, linear, none)");

        // a non-response group must be a union of the sample's strata
        Map<String, String> byRegion = new LinkedHashMap<>(good);
        byRegion.put("edition.json", good.get("edition.json").replace("{\"method\":\"linear\"}",
                "{\"method\":\"linear\",\"nonresponseGroups\":[\"region\"]}"));
        assertThat(problems(files.upload(demo, "x.zip", EditionZip.write(byRegion), null))).containsExactly(
                "edition.json: weighting.nonresponseGroups: 'region' is not a stratification variable of the sample"
                        + " (government_level, area, size_group); a non-response group must be a union of strata");

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void theFormIsTheEditionsUploadedQuestionnaireByItsIdOrFileName() throws Exception {
        EditionFilesStore files = new EditionFilesStore(server.jdbi());
        EditionFilesStore.Upload own = files.upload(trial, "trial.zip", EditionZip.write(TrialEdition.files("test_barometer")), null);
        assertThat(own.problems()).isEmpty();
        EditionSpec spec = new EditionSource(EditionSource.stored(own.version().id()).value()).read(server.jdbi(), trial);
        assertThat(spec.form().id()).isEqualTo("test_barometer");
        assertThat(spec.headlines()).singleElement().extracting(h -> h.text().en()).isEqualTo("innovated");

        // a questionnaire the edition does not have is unknown to it, whatever other editions have
        assertThat(problems(files.upload(trial, "other.zip", EditionZip.write(DemoFiles.editionFiles()), null)))
                .containsExactly("edition.json: form: unknown questionnaire 'innovation-barometer-2019'");

        assertThat(problems(files.upload(trial, "x.zip", EditionZip.write(TrialEdition.files("no-such-form")), null)))
                .containsExactly("edition.json: form: unknown questionnaire 'no-such-form'");
        // another edition without that questionnaire cannot name it
        long other = server.jdbi().withHandle(h -> h.createUpdate("insert into edition (name) values ('No questionnaire')")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        assertThat(problems(files.upload(other, "x.zip", EditionZip.write(TrialEdition.files("test_barometer")), null)))
                .containsExactly("edition.json: form: unknown questionnaire 'test_barometer'");
        assertThat(server.count("select count(*) from edition_files where edition_id = ?", trial)).isOne();
        assertThat(server.count("select count(*) from edition_files where edition_id = ?", other)).isZero();

        // a stored version is read only for its own edition
        EditionException e = org.assertj.core.api.Assertions.catchThrowableOfType(EditionException.class,
                () -> EditionSource.stored(own.version().id()).read(server.jdbi(), other));
        assertThat(e.getMessage()).isEqualTo("stored:" + own.version().id() + ": no stored edition files of edition " + other);
    }

    @Test
    @Order(6)
    void aQuestionnaireIsResolvedInItsOwnDatabaseWhereVersionIdsRepeat() {
        TestDatabase other = new TestDatabase();
        other.start();
        try {
            long otherEdition = TestForm.edition(other.jdbi(), "Elsewhere");
            long otherQuestionnaire = other.jdbi().withHandle(h -> h.createQuery(
                    "select questionnaire_id from edition where id = :e").bind("e", otherEdition).mapTo(Long.class).one());
            long demoQuestionnaire = server.jdbi().withHandle(h -> h.createQuery(
                    "select questionnaire_id from edition where id = :e").bind("e", demo).mapTo(Long.class).one());
            assertThat(otherQuestionnaire).isEqualTo(demoQuestionnaire);
            assertThat(EditionForms.forQuestionnaire(server.jdbi(), demoQuestionnaire).apply("test_barometer")).isNull();
            assertThat(EditionForms.forQuestionnaire(other.jdbi(), otherQuestionnaire).apply("test_barometer")).isNotNull();
        } finally {
            other.stop();
        }
    }

    static List<String> problems(EditionFilesStore.Upload upload) {
        assertThat(upload.stored()).as("the upload was stored").isFalse();
        return upload.problems().stream().map(EditionProblem::toString).toList();
    }
}

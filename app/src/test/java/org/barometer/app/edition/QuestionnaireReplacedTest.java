package org.barometer.app.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barometer.app.Server;
import org.barometer.app.access.Role;
import org.barometer.app.access.UserStore;
import org.barometer.app.db.Database;
import org.barometer.app.platform.AppConfig;
import org.barometer.app.platform.Platform;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.TestForm;
import org.barometer.app.testing.TestDatabase;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A questionnaire replaced through one node is what a second node serves to respondents from its next request: no
 * node keeps showing the version it read first.
 */
class QuestionnaireReplacedTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final List<Database> pools = new ArrayList<>();
    static Server nodeA;
    static Server nodeB;

    static Server node() {
        Database database = Database.connect(db.url());
        pools.add(database);
        return Server.start(Platform.create(AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "0")), database), 0);
    }

    @BeforeAll
    static void start() {
        nodeA = node();
        nodeB = node();
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        pools.forEach(Database::close);
    }

    @Test
    void aQuestionnaireReplacedOnOneNodeIsServedByTheOther() {
        long edition = TestForm.edition(db.jdbi(), "replaced mid-fieldwork");
        String token = new InvitationStore(db.jdbi()).create(edition, List.of(new InvitationStore.Invitee("w1",
                "Workplace 1", "Manager", "w1@example.invalid", "en", "s")), Instant.now().plus(30, ChronoUnit.DAYS))
                .getFirst().token();
        WebClient respondentOnB = new WebClient(nodeB.baseUrl()).language("en");
        String first = respondentOnB.get("/r/" + token).location();
        assertThat(respondentOnB.get(first).body()).contains("Has the workplace introduced an innovation?");

        new UserStore(db.jdbi()).create("ada", "Ada Admin", Role.ADMIN, "a long password for ada");
        WebClient adminOnA = new WebClient(nodeA.baseUrl());
        adminOnA.login("ada", "a long password for ada");
        adminOnA.get("/admin/editions/" + edition);
        WebClient.Response uploaded = adminOnA.postMultipart("/admin/editions/" + edition + "/questionnaire", Map.of(),
                "questionnaire", "test-v2.xlsx", TestForm.xlsxReworded("Has your workplace done something new?", "2"));
        assertThat(uploaded.status()).isEqualTo(303);

        String now = respondentOnB.get(first).body();
        assertThat(now).contains("Has your workplace done something new?")
                .doesNotContain("Has the workplace introduced an innovation?");
        assertThat(db.count("select count(*) from questionnaire")).isEqualTo(2);
    }
}

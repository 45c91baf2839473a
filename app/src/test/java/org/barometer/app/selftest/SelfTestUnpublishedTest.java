package org.barometer.app.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.barometer.app.testing.TestServer;
import org.barometer.app.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While no published edition offers a self-test, its pages are not there, and staff are told why. */
class SelfTestUnpublishedTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void withoutAPublishedSelfTestThereIsNothingToTakeAndNoGroupToMake() {
        WebClient visitor = server.client();
        assertThat(visitor.get("/portal/self-test").status()).isEqualTo(404);
        assertThat(visitor.get("/portal/self-test/questions?group=health").status()).isEqualTo(404);
        assertThat(visitor.get("/portal/self-test/groups/" + "x".repeat(43)).status()).isEqualTo(404);
        WebClient staff = server.admin();
        WebClient.Response page = staff.get("/admin/self-test?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("No published edition offers a self-test.").doesNotContain("id=\"make-group\"");
        WebClient.Response made = staff.post("/admin/self-test/groups", Map.of("label", "A workshop"));
        assertThat(made.status()).isEqualTo(409);
        assertThat(server.count("select count(*) from selftest_group")).isZero();
    }
}

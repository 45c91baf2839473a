package org.barometer.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The axe-core check really finds violations: a page spoiled on purpose fails it. */
class BrowserSelfTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void axeReportsViolationsOfASpoiledPage() {
        try (Browser browser = Browser.open(server.baseUrl())) {
            browser.go("/login");
            assertThat(browser.axeViolations()).isEmpty();
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("""
                    const img = document.createElement('img'); img.src = '/static/none.png';
                    const input = document.createElement('input'); input.type = 'text';
                    const low = document.createElement('p'); low.textContent = 'faint'; low.style.color = '#ddd';
                    document.querySelector('main').append(img, input, low);
                    document.documentElement.removeAttribute('lang');""");
            List<String> violations = browser.axeViolations();
            assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("image-alt"))
                    .anySatisfy(v -> assertThat(v).startsWith("label"))
                    .anySatisfy(v -> assertThat(v).startsWith("color-contrast"))
                    .anySatisfy(v -> assertThat(v).startsWith("html-has-lang"));
        }
    }
}

package org.barometer.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium (headless, nothing downloaded), with axe-core for accessibility
 * checks. Tests using it are skipped, visibly, when Chromium or its driver is not installed.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The WCAG levels checked: 2.0 and 2.1, A and AA. */
    public static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver driver;
    private final String baseUrl;

    private Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Opens a headless Chromium for a server; skips the test when Chromium is missing. */
    public static Browser open(String baseUrl) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, baseUrl);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Makes the page a screen of {@code width} × {@code height} CSS px, as Chromium's device emulation does (a
     * headless window cannot be made narrower than 500 px): a phone's when {@code mobile} (scroll bars over the
     * page, the viewport meta element honoured), else a desk's. Applies to the page open and the ones after it.
     */
    public Browser screen(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
        return this;
    }

    /** Ends {@link #screen}: the page is the window again. */
    public Browser unscreen() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        return this;
    }

    /** Shows pages as on {@code media} ({@code "print"} or {@code "screen"}), or as usual when it is empty. */
    public Browser media(String media) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", media));
        return this;
    }

    /** Runs JavaScript in the page (arguments as {@code arguments[i]}) and returns what it returns. */
    public Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /**
     * A PNG of an element as the page draws it, all of it even where it reaches below the viewport (an element's
     * screenshot through WebDriver is cut at the viewport's edge).
     */
    @SuppressWarnings("unchecked")
    public byte[] screenshot(WebElement element) {
        java.util.Map<String, Object> clip = new java.util.HashMap<>((java.util.Map<String, Object>) script("""
                const r = arguments[0].getBoundingClientRect();
                return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};""",
                element));
        clip.put("scale", 1);
        java.util.Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                java.util.Map.of("format", "png", "clip", clip, "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** Opens a path of the server. */
    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    /** Types into the field with the given id (clearing it first). */
    public Browser type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /**
     * Clicks the element matching a CSS selector. When the click leads to another page (a link, or a button that
     * submits a form the browser will not hold back for validation), it returns only once the next page has loaded,
     * so that what the test reads next is that page and not the one it left.
     */
    public Browser click(String cssSelector) {
        WebElement element = find(cssSelector);
        boolean navigates = Boolean.TRUE.equals(driver.executeScript("""
                const el = arguments[0];
                const link = el.closest('a[href]');
                if (link) return !link.hasAttribute('download') && !link.getAttribute('href').startsWith('#');
                const button = el.closest('button, input[type=submit]');
                if (!button || !button.form || (button.type || '').toLowerCase() !== 'submit') return false;
                return button.form.noValidate || button.formNoValidate || button.form.checkValidity();""",
                element));
        if (!navigates) {
            element.click();
            return this;
        }
        // The page being left carries a mark; the next page is there once the document no longer has it.
        String mark = java.util.UUID.randomUUID().toString();
        driver.executeScript("document.barometerLeaving = arguments[0];", mark);
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(WebDriverException.class)
                .until(d -> !mark.equals(driver.executeScript("return document.barometerLeaving;"))
                        && "complete".equals(driver.executeScript("return document.readyState")));
        return this;
    }

    /** The page's path (without host). */
    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /**
     * The visible text of the page. A click that submits a form may still be loading the next page when this is
     * called, so it waits (bounded) until the document is complete and has a body.
     */
    public String text() {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
                        ? d.findElement(By.tagName("body")).getText()
                        : null);
    }

    /** Signs in through the sign-in page. */
    public Browser login(String username, String password) {
        go("/login");
        type("username", username);
        type("password", password);
        click("main button[type=submit]");
        return this;
    }

    /**
     * Runs axe-core on the current page for WCAG 2.0/2.1 A and AA and returns each violation as
     * "rule-id (impact): help — selectors", empty when there are none.
     */
    @SuppressWarnings("unchecked")
    public List<String> axeViolations() {
        JavascriptExecutor js = driver;
        js.executeScript(axeSource());
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                        + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""", AXE_TAGS);
        return new ArrayList<>((List<String>) result);
    }

    private static String axeCache;

    private static synchronized String axeSource() {
        if (axeCache == null) {
            try {
                Properties pom = new Properties();
                try (InputStream in = resource("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
                    pom.load(in);
                }
                String path = "META-INF/resources/webjars/axe-core/" + pom.getProperty("version") + "/axe.min.js";
                try (InputStream in = resource(path)) {
                    axeCache = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeCache;
    }

    private static InputStream resource(String path) {
        InputStream in = Browser.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("not on the test class path: " + path
                    + " (the org.webjars.npm:axe-core test dependency)");
        }
        return in;
    }

    @Override
    public void close() {
        driver.quit();
    }
}

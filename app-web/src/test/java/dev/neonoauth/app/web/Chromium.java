package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver) for the browser tests: every page they look at is checked
 * at desktop (1280 px) and phone (390 px) width, for horizontal overflow and with axe-core (no serious or critical
 * violation), and kept as a screenshot of each width in {@code target/screenshots}.
 */
final class Chromium implements AutoCloseable {
    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final int DESKTOP = 1280;
    static final int PHONE = 390;
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final int MAX_SHOT_HEIGHT = 4000;

    final ChromeDriver driver;
    private final Path screenshots;
    /** Every page checked, for the report: "name: n violations of lower impact". */
    final List<String> checked = new ArrayList<>();

    private Chromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Skips the test when chromedriver is missing locally; fails under {@code CI=true}. */
    static Chromium start(Path temp) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!DRIVER.canExecute()) {
            if (ci) {
                throw new AssertionError("CI=true but /usr/bin/chromedriver is missing: apt-get install chromium chromium-driver");
            }
            assumeTrue(false, "skipped: /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)");
        }
        Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=" + temp.resolve("chrome"), "--window-size=" + DESKTOP + ",1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, screenshots);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** A screenshot of the current width, the whole page up to {@value #MAX_SHOT_HEIGHT} px. */
    void shot(String name) throws Exception {
        int width = driver.manage().window().getSize().getWidth();
        fitHeight(width);
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        setWidth(width);
    }

    /** The window as tall as the page at {@code width} (up to {@value #MAX_SHOT_HEIGHT} px), for a whole-page shot. */
    private void fitHeight(int width) {
        long height = ((Number) js("return Math.max(document.documentElement.scrollHeight, 600);")).longValue();
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, MAX_SHOT_HEIGHT)));
    }

    /**
     * The current page at both widths: a screenshot of each ({@code name-desktop.png}, {@code name-phone.png}), no
     * horizontal scrolling of the page on the phone, and no serious or critical axe-core violation at either width.
     */
    void check(String name) throws Exception {
        fitHeight(DESKTOP);
        Files.write(screenshots.resolve(name + "-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
        axe(name + " at " + DESKTOP + " px");
        setWidth(PHONE);
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        long viewport = ((Number) js("return document.documentElement.clientWidth;")).longValue();
        assertThat(scrollWidth).as("%s at %d px: the page scrolls sideways (scrollWidth %d, viewport %d)", name, PHONE,
                scrollWidth, viewport).isLessThanOrEqualTo(viewport);
        fitHeight(PHONE);
        Files.write(screenshots.resolve(name + "-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        axe(name + " at " + PHONE + " px");
        setWidth(DESKTOP);
    }

    void setWidth(int width) {
        driver.manage().window().setSize(new Dimension(width, width == PHONE ? 844 : 1000));
    }

    /** Fails listing each serious or critical violation's rule id and targets. */
    void axe(String where) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> failing = results.getViolations().stream()
                .filter(r -> FAILING_IMPACTS.contains(r.getImpact())).toList();
        String report = failing.stream()
                .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(failing).as("axe-core on %s:%n%s", where, report).isEmpty();
        checked.add(where + ": no serious or critical violation; " + results.getViolations().size()
                + " of lower impact " + results.getViolations().stream().map(Rule::getId).toList());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Prints what axe-core found below the failing impacts, quits the browser. */
    @Override
    public void close() {
        checked.forEach(line -> System.out.println("axe-core: " + line));
        driver.quit();
    }

    /** After a test: the browser, then the app (either may not have started). */
    static void stop(Chromium chromium, AutoCloseable app) throws Exception {
        try (AutoCloseable a = app) {
            if (chromium != null) {
                chromium.close();
            }
        }
    }
}

package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole click path in headless Chromium (Debian's chromium and chromium-driver): Connect, the sandbox's
 * sign-in and consent, approve, projects, create a project with a hostile name, the branch tree, disconnect; and
 * deny. Screenshots go to target/screenshots.
 */
class BrowserIT {
    private static final File DRIVER = new File("/usr/bin/chromedriver");
    @TempDir
    Path temp;
    private RunningApp app;
    private ChromeDriver driver;
    private Path screenshots;

    @BeforeEach
    void start() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!DRIVER.canExecute()) {
            if (ci) {
                throw new AssertionError("CI=true but /usr/bin/chromedriver is missing: apt-get install chromium chromium-driver");
            }
            assumeTrue(false, "skipped: /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)");
        }
        screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(screenshots);
        app = Main.start(WebConfig.fromEnvironment(Map.of("PORT", "0", "NEON_OAUTH_DATA_DIR", temp.resolve("data").toString())));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + temp.resolve("chrome"), "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private void shot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private void signInAtTheSandbox() {
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.name("email")));
        driver.findElement(By.name("email")).clear();
        driver.findElement(By.name("email")).sendKeys("sandbox@example.com");
        driver.findElement(By.name("password")).sendKeys("sandbox");
        driver.findElement(By.id("sign-in")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
    }

    @Test
    void connectApproveCreateAHostileProjectSeeTheTreeAndDisconnect() throws Exception {
        driver.get(app.baseUri().toString());
        shot("01-landing");
        driver.findElement(By.id("connect")).click();
        signInAtTheSandbox();
        shot("02-consent");
        driver.findElement(By.id("approve")).click();
        waiting().until(ExpectedConditions.urlContains("/projects"));
        shot("03-projects");

        String hostile = "<script>alert(1)</script>";
        driver.findElement(By.id("project-name")).sendKeys(hostile);
        driver.findElement(By.id("create-project-submit")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("branch-tree")));
        shot("04-branch-tree");
        assertThat(driver.findElement(By.id("project-name")).getText()).isEqualTo(hostile);
        assertThat(driver.getPageSource()).doesNotContain("<h1 id=\"project-name\"><script>");
        assertThat(driver.findElements(By.cssSelector("#branch-tree g.branch.default"))).hasSize(1);
        assertNoAlert();

        driver.findElement(By.id("nav-account")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("disconnect")));
        assertThat(driver.findElement(By.id("user-email")).getText()).isEqualTo("sandbox@example.com");
        shot("05-account");
        driver.findElement(By.id("disconnect")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-heading"), "Disconnected"));
        assertThat(driver.findElement(By.id("message")).getText()).contains("Neon revoked this app");
        shot("06-disconnected");
    }

    @Test
    void denyingConsentShowsAClearPage() throws Exception {
        driver.get(app.baseUri().toString());
        driver.findElement(By.id("connect")).click();
        signInAtTheSandbox();
        driver.findElement(By.id("deny")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        shot("07-denied");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("You did not connect your Neon account");
        assertThat(driver.findElement(By.id("error-code")).getText()).isEqualTo("access_denied");
    }

    @Test
    void openedAtLocalhostTheAppMovesTo127001AndTheFlowCompletesThenTheHeaderDisconnects() throws Exception {
        // to http://127.0.0.1:PORT/projects, which sends a browser that is not connected yet to the landing page
        driver.get("http://localhost:" + app.port() + "/projects");
        waiting().until(ExpectedConditions.urlToBe(app.baseUri().toString()));
        driver.findElement(By.id("connect")).click();
        signInAtTheSandbox();
        driver.findElement(By.id("approve")).click();
        waiting().until(ExpectedConditions.urlContains("/projects"));
        shot("08-connected-from-localhost");
        assertThat(driver.getCurrentUrl()).startsWith(app.baseUri().toString());
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Projects");

        driver.findElement(By.id("nav-disconnect")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-heading"), "Disconnected"));
        assertThat(driver.findElement(By.id("message")).getText()).contains("Neon revoked this app");
        assertThat(driver.findElements(By.id("nav-disconnect"))).isEmpty();
    }

    private void assertNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (org.openqa.selenium.NoAlertPresentException expected) {
            // the hostile name stayed text
        }
    }
}

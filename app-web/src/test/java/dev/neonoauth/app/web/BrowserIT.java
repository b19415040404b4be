package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole product in headless Chromium (Debian's chromium and chromium-driver) against the embedded stack (the
 * in-process sandbox, the Retrofit adapter, H2): connect, create a project with a hostile name, its connection string
 * (masked, shown on request, copied, pooled), branches with progress, a branch with a child that cannot be deleted,
 * delete, rename, account, about, disconnect; deny; the one-origin redirect. Every page is checked at 1280 and 390 px
 * wide (no sideways scrolling on the phone, axe-core: no serious or critical violation) and kept as screenshots in
 * target/screenshots. {@link BranchTreeBrowserIT} draws 200 branches.
 */
class BrowserIT {
    @TempDir
    static Path temp;
    private static RunningApp app;
    private static Chromium chromium;
    private static WebDriver driver;

    /** One browser and one app for the class (each test starts without cookies): starting them takes seconds. */
    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start(temp);
        driver = chromium.driver;
        app = Main.start(WebConfig.fromEnvironment(Map.of("PORT", "0", "NEON_OAUTH_DATA_DIR", temp.resolve("data").toString())));
    }

    @BeforeEach
    void freshBrowserSession() {
        chromium.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        chromium.setWidth(Chromium.DESKTOP);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(chromium, app);
    }

    private void signInAtTheSandbox() {
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.name("email")));
        driver.findElement(By.name("email")).clear();
        driver.findElement(By.name("email")).sendKeys("sandbox@example.com");
        driver.findElement(By.name("password")).sendKeys("sandbox");
        driver.findElement(By.id("sign-in")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Waits (through the self-refreshing progress page) for the branch panel of {@code branchName}. */
    private void awaitBranchPanel(String branchName) {
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("details-name"), branchName));
    }

    @Test
    void aNewUserConnectsCreatesGetsAConnectionStringBranchesAndDisconnects() throws Exception {
        driver.get(app.baseUri().toString());
        chromium.check("01-landing");
        driver.findElement(By.id("connect")).click();
        signInAtTheSandbox();
        chromium.shot("02-consent-desktop");
        driver.findElement(By.id("approve")).click();
        chromium.waiting().until(ExpectedConditions.urlContains("/projects"));
        assertThat(text("flash")).isEqualTo("Your Neon account is connected.");
        assertThat(text("nav-user")).isEqualTo("sandbox@example.com");
        chromium.check("03-projects-connected");

        // create: a hostile name stays text; the new project's page leads with its connection string, masked
        String hostile = "<script>alert(1)</script>";
        driver.findElement(By.id("project-name")).sendKeys(hostile);
        driver.findElement(By.id("create-project-submit")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("branch-tree")));
        assertThat(text("project-name")).isEqualTo(hostile);
        assertThat(driver.getPageSource()).doesNotContain("<h1 id=\"project-name\"><script>");
        assertNoAlert();
        assertThat(text("flash")).startsWith("The project was created.");
        assertThat(driver.findElements(By.cssSelector("#branch-tree g.branch.default"))).hasSize(1);
        String masked = text("connection-uri");
        assertThat(masked).startsWith("postgresql://").contains(":********@");
        String projectId = text("project-id");
        chromium.check("04-project-created");

        // Show password: a POST; Copy: the external script un-hides the button and copies the text
        driver.findElement(By.id("reveal-password")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("hide-password")));
        String revealed = text("connection-uri");
        assertThat(revealed).startsWith("postgresql://").doesNotContain("********");
        WebElement copy = driver.findElement(By.id("copy-uri"));
        assertThat(copy.isDisplayed()).as("the copy button (app.js ran under the CSP)").isTrue();
        copy.click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        chromium.check("05-password-shown");
        driver.findElement(By.id("hide-password")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reveal-password")));
        assertThat(driver.getPageSource()).doesNotContain(revealed);
        driver.findElement(By.id("pooled-yes")).click();
        driver.findElement(By.id("connection-apply")).click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection-uri"), "-pooler"));
        assertThat(text("connection-uri")).contains(":********@");

        // a branch: the progress page, then its own page with its connection string
        driver.findElement(By.id("branch-name")).sendKeys("feature-x");
        driver.findElement(By.id("create-branch-submit")).click();
        awaitBranchPanel("feature-x");
        assertThat(text("flash")).startsWith("The branch was created.");
        assertThat(text("connection-uri")).contains(":********@");
        chromium.check("06-branch-created");

        // a child of it: the parent then says why it cannot be deleted and offers no Delete
        new Select(driver.findElement(By.id("branch-parent"))).selectByVisibleText("feature-x");
        driver.findElement(By.id("branch-name")).sendKeys("feature-x-fix");
        driver.findElement(By.id("create-branch-submit")).click();
        awaitBranchPanel("feature-x-fix");
        String childUrl = driver.getCurrentUrl();
        driver.findElements(By.cssSelector("#branch-tree a.branch-link")).stream()
                .filter(a -> a.getAttribute("aria-label").startsWith("feature-x,")).findFirst().orElseThrow().click();
        awaitBranchPanel("feature-x");
        assertThat(text("cannot-delete")).contains("1 branch was created from it (feature-x-fix)");
        assertThat(driver.findElements(By.id("delete-branch"))).isEmpty();
        assertThat(text("details-children")).isEqualTo("feature-x-fix");
        chromium.check("07-branch-with-a-child");

        driver.get(childUrl);
        driver.findElement(By.id("delete-branch")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confirm")));
        chromium.check("08-confirm-delete-branch");
        driver.findElement(By.id("confirm")).click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "The branch was deleted."));
        assertThat(driver.findElements(By.xpath("//*[@id='branch-tree']//*[local-name()='text' and contains(., 'feature-x-fix')]"))).isEmpty();

        // rename on the project page
        WebElement name = driver.findElement(By.id("rename-name"));
        name.clear();
        name.sendKeys("shop");
        driver.findElement(By.id("rename-submit")).click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "The project was renamed."));
        assertThat(text("project-name")).isEqualTo("shop");

        // the list shows ids (what "Recover" asks for), no rename boxes, and fits a phone
        driver.findElement(By.id("nav-projects")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("projects")));
        assertThat(driver.findElement(By.id("projects")).getText()).contains(projectId).contains("shop");
        assertThat(driver.findElements(By.cssSelector("form.rename"))).isEmpty();
        chromium.check("09-projects");

        driver.findElement(By.id("nav-account")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("disconnect")));
        assertThat(text("user-email")).isEqualTo("sandbox@example.com");
        assertThat(text("granted-scopes")).contains("Read projects").contains("Create projects").doesNotContain("urn:");
        chromium.check("10-account");

        driver.findElement(By.id("about-link")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("about-permissions")));
        assertThat(driver.findElement(By.tagName("footer")).getAttribute("innerHTML")).doesNotContain("github.com");
        chromium.check("11-about");

        driver.findElement(By.id("nav-disconnect")).click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-heading"), "Disconnected"));
        assertThat(text("message")).contains("Neon revoked this app");
        chromium.check("12-disconnected");
        driver.get(app.baseUri().resolve("/projects").toString());
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(text("flash")).isEqualTo("Connect your Neon account to see your projects.");
        chromium.check("13-projects-after-disconnect");
    }

    @Test
    void denyingConsentShowsAClearPage() throws Exception {
        driver.get(app.baseUri().toString());
        driver.findElement(By.id("connect")).click();
        signInAtTheSandbox();
        driver.findElement(By.id("deny")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("You did not connect your Neon account");
        assertThat(text("error-code")).isEqualTo("access_denied");
        chromium.check("14-denied");
    }

    @Test
    void openedAtLocalhostTheAppMovesTo127001AndTheFlowCompletesThenTheHeaderDisconnects() throws Exception {
        // to http://127.0.0.1:PORT/projects, which sends a browser that is not connected yet to the landing page
        driver.get("http://localhost:" + app.port() + "/projects");
        chromium.waiting().until(ExpectedConditions.urlToBe(app.baseUri().toString()));
        driver.findElement(By.id("connect")).click();
        signInAtTheSandbox();
        driver.findElement(By.id("approve")).click();
        chromium.waiting().until(ExpectedConditions.urlContains("/projects"));
        chromium.shot("15-connected-from-localhost-desktop");
        assertThat(driver.getCurrentUrl()).startsWith(app.baseUri().toString());
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Projects");

        driver.findElement(By.id("nav-disconnect")).click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message-heading"), "Disconnected"));
        assertThat(text("message")).contains("Neon revoked this app");
        assertThat(driver.findElements(By.id("nav-disconnect"))).isEmpty();
        assertThat(List.of(text("message-heading"))).containsExactly("Disconnected");
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

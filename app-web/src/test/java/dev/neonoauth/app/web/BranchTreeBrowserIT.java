package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.neonoauth.neon.api.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A project with 200 branches in headless Chromium (the fast in-process app with the fake Neon, so that the tree is
 * built in milliseconds): the tree reads left to right, no two boxes overlap, every box links to its branch, and the
 * default branch, protected branches and each branch's state show; at desktop and phone width, with axe-core.
 */
class BranchTreeBrowserIT {
    @TempDir
    Path temp;
    private TestApp app;
    private Chromium chromium;

    @BeforeEach
    void start() throws Exception {
        chromium = Chromium.start(temp);
        app = new TestApp();
    }

    @AfterEach
    void stop() throws Exception {
        Chromium.stop(chromium, app);
    }

    /** Connects through the in-process browser (the fake authorization server) and hands its session to Chromium. */
    private void connect() {
        Browser http = app.browser();
        http.connect();
        // before the first request of Chromium, so that no answer (say, to its favicon request) sets another session
        chromium.driver.executeCdpCommand("Network.setCookie", Map.of("name", "neon_session", "value",
                http.sessionCookie().orElseThrow(), "url", app.base().toString(), "path", "/", "httpOnly", true));
    }

    @Test
    void twoHundredBranchesAreReadableWithoutOverlapsAndEachLinksToItsBranchAndAxeCoreSeesViolations() throws Exception {
        connect();
        Project project = app.neon.addProject("many-branches");
        app.neon.addBranches(project.id(), 199);
        chromium.driver.get(app.base().resolve("/projects/" + project.id()).toString());
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("branch-tree")));

        List<WebElement> boxes = chromium.driver.findElements(By.cssSelector("#branch-tree g.branch"));
        assertThat(boxes).hasSize(200);
        assertThat(chromium.driver.findElement(By.id("tree-heading")).getText()).isEqualTo("Branches (200)");
        assertThat(chromium.driver.findElement(By.id("branch-tree")).getAttribute("class")).contains("horizontal");
        Number overlaps = (Number) chromium.js("""
                const r = [...document.querySelectorAll('#branch-tree g.branch rect')].map(e => e.getBBox());
                let n = 0;
                for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {
                  const a = r[i], b = r[j];
                  if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) n++;
                }
                return n;""");
        assertThat(overlaps.intValue()).as("overlapping branch boxes").isZero();
        Number unlinked = (Number) chromium.js("""
                return [...document.querySelectorAll('#branch-tree a.branch-link')]
                    .filter(a => !/\\?branch=br-\\d+#details$/.test(a.getAttribute('href'))).length;""");
        assertThat(unlinked.intValue()).isZero();
        assertThat(chromium.driver.findElements(By.cssSelector("#branch-tree g.branch.default"))).hasSize(1);
        assertThat(chromium.driver.findElements(By.cssSelector("#branch-tree g.branch.protected"))).isNotEmpty();
        assertThat(chromium.driver.findElements(By.cssSelector("#branch-tree g.branch[data-state='init']"))).isNotEmpty();
        assertThat(chromium.driver.findElement(By.cssSelector("#branch-tree g.branch.protected text.status")).getText())
                .contains("protected");
        Number fontSize = (Number) chromium.js("return parseFloat(getComputedStyle("
                + "document.querySelector('#branch-tree text.name')).fontSize);");
        assertThat(fontSize.doubleValue()).as("readable names").isGreaterThanOrEqualTo(12);
        chromium.check("16-tree-200-branches");

        // a box deep in the tree opens its branch, scrolled into view in the tree's own scroll area (pan)
        WebElement last = chromium.driver.findElements(By.cssSelector("#branch-tree a.branch-link")).get(199);
        String label = last.getAttribute("aria-label");
        chromium.js("arguments[0].scrollIntoView({block: 'center'});", last);
        chromium.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", last);
        chromium.waiting().until(ExpectedConditions.urlContains("?branch="));
        assertThat(label).startsWith(chromium.driver.findElement(By.id("details-name")).getText());
        // the same page, checked above: screenshots only (axe-core takes seconds on 200 boxes)
        chromium.shot("17-tree-200-branches-selected-desktop");
        chromium.setWidth(Chromium.PHONE);
        chromium.shot("17-tree-200-branches-selected-phone");

        // a new branch: the self-refreshing progress page (held open by the fake), and a failed operation's page
        app.neon.pollsToFinish = 1_000;
        chromium.setWidth(Chromium.DESKTOP);
        chromium.driver.findElement(By.id("branch-name")).sendKeys("feature-new");
        chromium.driver.findElement(By.id("create-branch-submit")).click();
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("progress-running")));
        assertThat(chromium.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Creating the branch");
        chromium.shot("18-branch-progress-desktop");
        app.neon.operationsFail = true;
        app.neon.pollsToFinish = 0;
        chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("progress-failed")));
        assertThat(chromium.driver.findElement(By.id("operations")).getText()).contains("compute could not be started");
        chromium.check("19-branch-progress-failed");
        chromium.driver.findElement(By.id("open-project")).click();
        chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("details-name"), "feature-new"));

        // axe-core really runs: a page with an image without alternative text and an unlabelled field fails it
        chromium.driver.get("data:text/html,<html><body><img src='x.png'><input type='text'></body></html>");
        List<Rule> violations = new AxeBuilder().analyze(chromium.driver).getViolations();
        assertThat(violations).extracting(Rule::getId).contains("image-alt", "label");
        assertThat(violations).extracting(Rule::getImpact).containsAnyOf("serious", "critical");
    }
}

package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.sandbox.FaultRule;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a login can go: the loopback redirect's wrong path, wrong state and timeout, denial in the browser
 * (through the sandbox's real sign-in and consent forms), a failing token endpoint, the paste mode driven through
 * standard input, and the refusals in CI and without a terminal.
 */
class LoginTest {
    private static NeonSandbox headless;
    private static NeonSandbox withPages;

    @TempDir
    Path dataDir;

    private CliHarness cli;

    @BeforeAll
    static void startSandboxes() {
        headless = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
        withPages = NeonSandbox.builder().start();
    }

    @AfterAll
    static void stopSandboxes() {
        headless.close();
        withPages.close();
    }

    @BeforeEach
    void setUp() {
        headless.faults().clear();
        headless.metrics().reset();
        cli = new CliHarness(headless, dataDir);
    }

    @Test
    void aWrongPathGets404AWrongState400AndTheListenerKeepsWaitingForTheRealCallback() throws Exception {
        TestBrowser browser = new TestBrowser(headless, (b, url) -> {
            URI callback = b.authorize(url, TestBrowser.Decision.APPROVE);
            URI wrongPath = URI.create("http://127.0.0.1:" + callback.getPort() + "/favicon.ico");
            assertThat(b.loadCallback(wrongPath).status()).isEqualTo(404);
            TestBrowser.Visit wrongState = b.loadCallback(TestBrowser.withParam(callback, "state", "not-the-state-123"));
            assertThat(wrongState.status()).isEqualTo(400);
            assertThat(wrongState.body()).contains("Not for this sign-in").contains("still waiting");
            TestBrowser.Visit real = b.loadCallback(callback);
            assertThat(real.status()).isEqualTo(200);
            assertThat(real.body()).contains("You are signed in");
        });
        cli.browser(browser);
        CliHarness.Result login = cli.run("login");
        browser.awaitDone();
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(browser.visits()).extracting(TestBrowser.Visit::status).containsExactly(404, 400, 200);
        assertThat(headless.metrics().tokenRequests("authorization_code")).isEqualTo(1);
        assertThat(cli.run("status").exitCode()).isZero();
    }

    @Test
    void aLocalClientStallingOnTheListenerDoesNotDelayTheLogin() throws Exception {
        TestBrowser browser = new TestBrowser(headless, (b, url) -> {
            URI redirect = URI.create(TestBrowser.query(url).get("redirect_uri"));
            // another local program connects first, sends 9 bytes of a request and stalls, for as long as it likes
            try (java.net.Socket stalled = new java.net.Socket(redirect.getHost(), redirect.getPort())) {
                stalled.getOutputStream().write("GET /call".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                stalled.getOutputStream().flush();
                TestBrowser.Visit real = b.loadCallback(b.authorize(url, TestBrowser.Decision.APPROVE));
                assertThat(real.status()).isEqualTo(200);
            }
        });
        cli.browser(browser);
        long start = System.nanoTime();
        CliHarness.Result login = cli.run("login", "--timeout", "15s");
        long millis = (System.nanoTime() - start) / 1_000_000;
        browser.awaitDone();
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(millis).as("the stalled connection delayed nothing").isLessThan(10_000L);
    }

    @Test
    void aSecondCallbackAfterTheLoginIsNotHandled() throws Exception {
        URI[] callback = new URI[1];
        TestBrowser browser = new TestBrowser(headless, (b, url) -> {
            callback[0] = b.authorize(url, TestBrowser.Decision.APPROVE);
            b.loadCallback(callback[0]);
        });
        cli.browser(browser);
        assertThat(cli.run("login").exitCode()).isZero();
        browser.awaitDone();
        assertThat(CliEndToEndTest.refused(callback[0])).isTrue();
        assertThat(headless.metrics().tokenRequests("authorization_code")).isEqualTo(1);
    }

    @Test
    void aFixedPortIsUsedForTheRedirect() throws Exception {
        int port = CliEndToEndTest.freePort();
        TestBrowser browser = new TestBrowser(headless);
        cli.browser(browser);
        CliHarness.Result login = cli.run("login", "--port", Integer.toString(port));
        assertThat(login.exitCode()).as(login.toString()).isZero();
        browser.awaitDone();
        assertThat(browser.visits().get(0).uri().getPort()).isEqualTo(port);
        assertThat(TestBrowser.query(browser.opened()).get("redirect_uri"))
                .isEqualTo("http://127.0.0.1:" + port + "/callback");
    }

    @Test
    void aPortInUseIsOneClearError() throws Exception {
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliHarness.Result login = cli.run("login", "--port", Integer.toString(busy.getLocalPort()));
            assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(login.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()).contains("--port");
        }
    }

    @Test
    void theListenerTimesOutAndCloses() {
        TestBrowser idle = new TestBrowser(headless, (b, url) -> { });
        cli.browser(idle);
        long start = System.nanoTime();
        CliHarness.Result login = cli.run("login", "--timeout", "2s");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).contains("Error: login timed out after 2s").contains("neon-oauth login");
        assertThat(millis).isBetween(1_900L, 15_000L);
        URI redirect = URI.create(TestBrowser.query(idle.opened()).get("redirect_uri"));
        assertThat(CliEndToEndTest.refused(redirect)).isTrue();
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
    }

    @Test
    void whenNoBrowserStartsTheUrlIsStillThereToOpenByHand() throws Exception {
        URI[] printed = new URI[1];
        cli.browser(TestBrowser.none());
        CliHarness.Running running = cli.start(java.io.InputStream.nullInputStream(), "login", "--timeout", "30s");
        running.awaitOutput("Waiting up to", Duration.ofSeconds(30));
        assertThat(running.err()).contains("Could not start a browser");
        printed[0] = CliHarness.authorizationUrl(running.err());
        TestBrowser person = new TestBrowser(headless);
        person.loadCallback(person.authorize(printed[0], TestBrowser.Decision.APPROVE));
        assertThat(running.await().exitCode()).isZero();
    }

    @Test
    void denyingInTheBrowserShowsAnErrorPageAndFails() throws Exception {
        CliHarness pages = new CliHarness(withPages, dataDir);
        TestBrowser browser = new TestBrowser(withPages,
                (b, url) -> b.loadCallback(b.authorize(url, TestBrowser.Decision.DENY)));
        pages.browser(browser);
        CliHarness.Result login = pages.run("login");
        browser.awaitDone();
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).contains("Error: you denied access in the browser; nothing was stored");
        TestBrowser.Visit page = browser.visits().get(0);
        assertThat(page.uri().getRawQuery()).contains("error=access_denied");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("You denied access");
        assertThat(pages.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
    }

    @Test
    void signingInAndApprovingThroughTheSandboxPagesWorks() throws Exception {
        CliHarness pages = new CliHarness(withPages, dataDir);
        TestBrowser browser = new TestBrowser(withPages,
                (b, url) -> b.loadCallback(b.authorize(url, TestBrowser.Decision.APPROVE)));
        pages.browser(browser);
        CliHarness.Result login = pages.run("login");
        browser.awaitDone();
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(pages.run("projects", "list").exitCode()).isZero();
    }

    @Test
    void aTokenEndpointFailureShowsAnErrorPageAndFails() throws Exception {
        headless.faults().on("POST /oauth2/token", FaultRule.status(500));
        TestBrowser browser = new TestBrowser(headless);
        cli.browser(browser);
        CliHarness.Result login = cli.run("login");
        browser.awaitDone();
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).contains("Error: ");
        TestBrowser.Visit page = browser.visits().get(0);
        assertThat(page.status()).isGreaterThanOrEqualTo(400);
        assertThat(page.body()).contains("Sign-in failed");
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
    }

    @Test
    void ciRefusesABrowserLoginAtOnce() {
        TestBrowser browser = new TestBrowser(headless);
        cli.browser(browser).env("CI", "true");
        CliHarness.Result login = cli.run("login");
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).isEqualTo("Error: browser login refused: CI is set, so nobody can complete it. Run "
                + "'neon-oauth login --no-browser' and paste the redirected URL, or log in on a machine with a "
                + "browser and a terminal.\n");
        assertThat(browser.opened()).isNull();
        assertThat(headless.metrics().authorizationRequests()).isZero();
    }

    @Test
    void noTerminalRefusesABrowserLoginAtOnce() {
        TestBrowser browser = new TestBrowser(headless);
        cli.browser(browser).terminal(false);
        CliHarness.Result login = cli.run("login");
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).contains("there is no terminal").contains("--no-browser");
        assertThat(browser.opened()).isNull();
    }

    @Test
    void pasteModeReadsTheRedirectedUrlFromStandardInput() {
        cli.terminal(false).env("CI", "1"); // paste mode works without a terminal and in CI
        CliHarness.Result login = cli.runTyping(printed -> redirectFor(printed) + "\n", "login", "--no-browser");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err()).contains("Copy that whole address");
        assertThat(login.out()).contains("Logged in to Neon as sandbox@example.com");
        assertThat(cli.run("projects", "list").exitCode()).isZero();
    }

    @Test
    void pasteModeExplainsGarbageAndAForeignStateThenAcceptsTheRealUrl() {
        CliHarness.Result login = cli.runTyping(printed -> {
            String real = redirectFor(printed);
            return "hello\n\nhttp://127.0.0.1:1/callback?code=abc&state=some-other-login-state\n" + real + "\n";
        }, "login", "--no-browser");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err()).contains("That is not the redirected address")
                .contains("That address is not for this login (the state is unknown or was already used)");
    }

    @Test
    void pasteModeFailsCleanlyAtEndOfInput() {
        CliHarness.Result login = cli.runTyping(printed -> "", "login", "--no-browser");
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).contains("Error: no redirected URL was pasted");
    }

    @Test
    void pasteModeWithADeniedRedirectReportsTheDenial() {
        CliHarness pages = new CliHarness(withPages, dataDir);
        CliHarness.Result login = pages.runTyping(printed -> {
            try {
                TestBrowser b = new TestBrowser(withPages);
                return b.authorize(CliHarness.authorizationUrl(printed), TestBrowser.Decision.DENY) + "\n";
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "login", "--no-browser", "--port", "8765");
        assertThat(login.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).contains("http://127.0.0.1:8765/callback").contains("you denied access");
    }

    /** Plays the browser on another machine: follows the printed URL and returns where it was redirected. */
    private static String redirectFor(String printed) {
        try {
            return new TestBrowser(headless).authorize(CliHarness.authorizationUrl(printed),
                    TestBrowser.Decision.APPROVE).toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}

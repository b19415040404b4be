package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.adapter.http.ResponseTooLargeException;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.OrganizationRequiredException;
import dev.neonoauth.neon.api.OutcomeUnknownException;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The failure behaviour of {@link NeonApi}: 401 refresh, 403, 423, 429, 503, transport failures, error mapping. */
class NeonApiFailureTest extends MockNeonServer {
    static final String PROJECT = "shiny-wind-028834";

    NeonApi api() {
        return get(NeonApi.class);
    }

    @Nested
    class Unauthorized {
        @Test
        void a401RefreshesOnceAndRetriesWithTheNewToken() throws Exception {
            tokens.onRefresh(FakeAccessTokenProvider.available(REFRESHED, NeonScopes.DEFAULT));
            enqueue(401, "error-unauthorized.json");
            enqueue(200, "users-me.json");

            assertThat(api().currentUser(ACCOUNT).email()).isEqualTo("casey@example.com");

            assertThat(tokens.rejectedTokens()).containsExactly(new AccessToken(TOKEN));
            RecordedRequest first = take();
            RecordedRequest retry = take();
            assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(retry.getHeaders().get("Authorization")).isEqualTo("Bearer " + REFRESHED);
            assertThat(retry.getTarget()).isEqualTo("/api/v2/users/me");
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void aSecond401EndsTheCallWithoutAnotherRefreshAndKeepsTheTokens() throws Exception {
            tokens.onRefresh(FakeAccessTokenProvider.available(REFRESHED, NeonScopes.DEFAULT));
            enqueue(401, "error-unauthorized.json");
            enqueue(401, "error-unauthorized.json");

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.requestId()).contains("5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
            assertThat(e.getMessage()).contains("even after one forced refresh").doesNotContain(TOKEN).doesNotContain(REFRESHED);
            assertThat(tokens.rejectedTokens()).hasSize(1);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(tokens.isConnected(ACCOUNT)).as("a 401 never deletes the stored tokens").isTrue();
            take();
            take();
        }

        @Test
        void aDeadGrantOnTheForcedRefreshAsksForReauthorization() throws Exception {
            tokens.onRefresh(new AccessTokenResult.ReauthorizationRequired(AccessTokenResult.Reason.GRANT_REVOKED, Optional.empty()));
            enqueue(401, "error-unauthorized.json");

            ReauthorizationRequiredException e = catchThrowableOfType(ReauthorizationRequiredException.class,
                    () -> api().currentUser(ACCOUNT));

            assertThat(e.getMessage()).isEqualTo(AccessTokenResult.Reason.GRANT_REVOKED.message());
            assertThat(server.getRequestCount()).isEqualTo(1);
            take();
        }

        @Test
        void aFailingForcedRefreshPropagatesTheCoresInfrastructureFailure() throws Exception {
            StoreUnavailableException failure = new StoreUnavailableException("lock timeout", true, null);
            tokens.failRefreshWith(failure);
            enqueue(401, "error-unauthorized.json");

            StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, () -> api().currentUser(ACCOUNT));

            assertThat(e).isSameAs(failure);
            take();
        }

        @Test
        void a403NeverRefreshes() throws Exception {
            enqueue(403, "error-forbidden.json");

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("not allowed to perform actions outside the project");
            assertThat(tokens.rejectedTokens()).isEmpty();
            assertThat(server.getRequestCount()).isEqualTo(1);
            take();
        }

        @Test
        void noUsableGrantFailsBeforeSending() {
            tokens.requireReauthorization(ACCOUNT, AccessTokenResult.Reason.NO_REFRESH_TOKEN);

            ReauthorizationRequiredException e = catchThrowableOfType(ReauthorizationRequiredException.class,
                    () -> api().listProjects(ACCOUNT, ProjectQuery.ALL));

            assertThat(e.getMessage()).isEqualTo(AccessTokenResult.Reason.NO_REFRESH_TOKEN.message());
            assertThat(server.getRequestCount()).isZero();
        }

        @Test
        void aMissingScopeFailsBeforeSending() throws Exception {
            tokens.connect(ACCOUNT, TOKEN, ScopeSet.of(Scope.OPENID, NeonScopes.PROJECTS_READ));
            NeonApi api = api();

            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.createProject(ACCOUNT, ProjectCreation.named("x"))).missingScope()).isEqualTo(NeonScopes.PROJECTS_CREATE);
            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.deleteProject(ACCOUNT, PROJECT)).missingScope()).isEqualTo(NeonScopes.PROJECTS_DELETE);
            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.recoverProject(ACCOUNT, PROJECT)).missingScope()).isEqualTo(NeonScopes.PROJECTS_UPDATE);
            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.createBranch(ACCOUNT, PROJECT, new BranchCreation(Optional.empty(), Optional.empty())))
                    .missingScope()).isEqualTo(NeonScopes.PROJECTS_UPDATE);
            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.deleteBranch(ACCOUNT, PROJECT, "br-icy-dream-250089")).missingScope())
                    .isEqualTo(NeonScopes.PROJECTS_DELETE);
            assertThat(server.getRequestCount()).isZero();

            enqueue(200, "project.json");
            assertThat(api.getProject(ACCOUNT, PROJECT).id()).isEqualTo(PROJECT);
            take();
        }

        @Test
        void usersMeAndOrganizationsNeedNoProjectScope() throws Exception {
            tokens.connect(ACCOUNT, TOKEN, ScopeSet.of(Scope.OPENID));
            enqueue(200, "users-me.json");
            enqueue(200, "organizations.json");

            assertThat(api().currentUser(ACCOUNT).id()).isNotBlank();
            assertThat(api().organizations(ACCOUNT)).hasSize(2);
            take();
            take();
        }
    }

    @Nested
    class Locked {
        @Test
        void a423IsRetriedThreeSecondsApart() throws Exception {
            enqueue(423, "error-locked.json");
            enqueue(423, "error-locked.json");
            enqueue(200, "project-deleted.json");

            assertThat(api().deleteProject(ACCOUNT, PROJECT).project().id()).isEqualTo(PROJECT);

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
            assertThat(server.getRequestCount()).isEqualTo(3);
            String firstId = take().getHeaders().get("X-Request-ID");
            assertThat(take().getHeaders().get("X-Request-ID")).as("each attempt has its own request id").isNotEqualTo(firstId);
            take();
        }

        @Test
        void a423IsRetriedFiveTimesByDefaultThenReported() throws Exception {
            for (int i = 0; i < 6; i++) {
                enqueue(423, "error-locked.json");
            }

            NeonApiException e = catchThrowableOfType(NeonApiException.class,
                    () -> api().createBranch(ACCOUNT, PROJECT, new BranchCreation(Optional.empty(), Optional.empty())));

            assertThat(e.httpStatus()).isEqualTo(423);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("running operations");
            assertThat(server.getRequestCount()).isEqualTo(6);
            assertThat(time.sleeps()).hasSize(5).containsOnly(Duration.ofSeconds(3));
        }

        @Test
        void theLockedPolicyIsConfigurable() {
            inject(b -> b.lockedRetries(1).lockedRetryDelay(Duration.ofMillis(500)), 2);
            enqueue(423, "error-locked.json");
            enqueue(423, "error-locked.json");

            assertThat(catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT)).httpStatus())
                    .isEqualTo(423);
            assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    @Nested
    class Throttled {
        @Test
        void a429HonoursRetryAfterInSeconds() throws Exception {
            server.enqueue(json(429, Fixtures.read("error-rate-limited.json")).newBuilder().addHeader("Retry-After", "7").build());
            enqueue(200, "organizations.json");

            assertThat(api().organizations(ACCOUNT)).hasSize(2);

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
            take();
            take();
        }

        @Test
        void a503HonoursRetryAfterAsAnHttpDate() throws Exception {
            // FakeTime starts at 2025-11-23T18:00:00Z
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Sun, 23 Nov 2025 18:00:12 GMT").build());
            enqueue(200, "project.json");

            api().getProject(ACCOUNT, PROJECT);

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
        }

        @Test
        void withoutRetryAfterTheBackoffIsExponentialCappedAndJittered() {
            inject(b -> b.throttledRetries(4).backoffBase(Duration.ofSeconds(1)).backoffCap(Duration.ofSeconds(3)), 2);
            for (int i = 0; i < 5; i++) {
                server.enqueue(new MockResponse.Builder().code(503).build());
            }

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().listProjects(ACCOUNT, ProjectQuery.ALL));

            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.isRetryable()).isTrue();
            assertThat(server.getRequestCount()).isEqualTo(5);
            assertThat(time.sleeps()).hasSize(4);
            assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(time.sleeps().get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(time.sleeps().get(2)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(3));
            assertThat(time.sleeps().get(3)).as("capped").isBetween(Duration.ofMillis(1500), Duration.ofSeconds(3));
        }

        @Test
        void aRetryAfterLongerThanTheLimitIsNotWaitedFor() {
            server.enqueue(json(429, Fixtures.read("error-rate-limited.json")).newBuilder().addHeader("Retry-After", "3600").build());

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().currentUser(ACCOUNT));

            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.isRetryable()).isTrue();
            assertThat(time.sleeps()).isEmpty();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void otherServerErrorsAreNotRetried() {
            server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                    .body("<html>bad gateway</html>").build());

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.httpStatus()).isEqualTo(502);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.code()).isEmpty();
            assertThat(e.requestId()).get().asString().matches("[0-9a-f-]{36}");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Nested
    class Transport {
        @Test
        void anIdempotentRequestIsRetriedAfterAConnectionFailure() throws Exception {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
            enqueue(200, "project.json");

            assertThat(api().getProject(ACCOUNT, PROJECT).id()).isEqualTo(PROJECT);

            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(time.sleeps()).hasSize(1);
            take();
            take();
        }

        @Test
        void anIdempotentRequestIsRetriedAfterATimeoutAndReportedWhenItKeepsFailing() throws Exception {
            inject(b -> b.readTimeout(Duration.ofMillis(300)).transportRetries(1), 2);
            for (int i = 0; i < 2; i++) {
                server.enqueue(json(200, Fixtures.read("project.json")).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
            }

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.httpStatus()).isZero();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out").contains("2 attempts");
            assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void aCreateProjectThatFailedAfterBeingSentIsNeverRetried() throws Exception {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
            server.enqueue(json(201, Fixtures.read("project-created.json")));

            OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
                    () -> api().createProject(ACCOUNT, ProjectCreation.named("myproject")));

            RecordedRequest sent = take();
            assertThat(e.requestId()).isEqualTo(sent.getHeaders().get("X-Request-ID"));
            assertThat(e.getMessage()).contains("POST /projects").contains("list the projects").contains(e.requestId());
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
            assertThat(server.getRequestCount()).as("never retried blindly").isEqualTo(1);
            assertThat(time.sleeps()).isEmpty();
        }

        @Test
        void aDeleteThatFailedAfterBeingSentIsNotRetriedEither() throws Exception {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
            enqueue(200, "project-deleted.json");

            OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
                    () -> api().deleteProject(ACCOUNT, PROJECT));

            assertThat(e.getMessage()).contains("DELETE /projects/" + PROJECT);
            assertThat(server.getRequestCount()).as("neon-api-v2.yaml: DELETE is not safe to retry").isEqualTo(1);
            take();
        }

        @Test
        void aBodyDrippedPastTheWholeCallTimeoutIsCutOffRetriedAndReportedAsTimedOut() throws Exception {
            // every byte comes well within the read timeout; only the whole-call timeout can end these answers
            inject(b -> b.readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(700)).transportRetries(1), 2);
            for (int i = 0; i < 2; i++) {
                server.enqueue(json(200, Fixtures.read("project.json")).newBuilder()
                        .throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
            }

            long start = System.nanoTime();
            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e).isNotInstanceOf(OutcomeUnknownException.class);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("GET /projects/" + PROJECT).contains("timed out").contains("2 attempts");
            assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class).hasMessage("timeout");
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(took).as("two attempts of 0.7 s, not the 60 s the bodies take").isLessThan(Duration.ofSeconds(6));
        }

        @Test
        void aCreateProjectThatTimedOutIsAnUnknownOutcome() throws Exception {
            inject(b -> b.readTimeout(Duration.ofMillis(300)), 2);
            server.enqueue(json(201, Fixtures.read("project-created.json")).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

            OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
                    () -> api().createProject(ACCOUNT, ProjectCreation.named("myproject")));

            assertThat(e.getMessage()).contains("timed out");
            assertThat(server.getRequestCount()).isEqualTo(1);
            take();
        }

        @Test
        void aPostThatCouldNotConnectWasNotSentAndSaysSo() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                closedPort = socket.getLocalPort();
            }
            inject(b -> b.apiBaseUrl(java.net.URI.create("http://127.0.0.1:" + closedPort + "/api/v2")), 2);

            NeonApiException e = catchThrowableOfType(NeonApiException.class,
                    () -> api().createProject(ACCOUNT, ProjectCreation.named("myproject")));

            assertThat(e).isNotInstanceOf(OutcomeUnknownException.class);
            assertThat(e.httpStatus()).isZero();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("before it was sent");
        }

        @Test
        void aCreatedProjectWhoseAnswerCannotBeReadIsAnUnknownOutcome() throws Exception {
            server.enqueue(json(201, "{\"project\":{\"name\":\"myproject\"}}"));

            OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
                    () -> api().createProject(ACCOUNT, ProjectCreation.named("myproject")));

            assertThat(e.getMessage()).contains("201").contains("project.id");
            take();
        }

        @Test
        void anUnreadableAnswerToAReadIsReportedWithItsStatus() throws Exception {
            server.enqueue(json(200, "{\"project\": [1, 2"));

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.getMessage()).contains("could not be read");
        }

        @Test
        void aNonJsonSuccessIsUnreadableAndNotRetried() {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                    .body("<html>captive portal</html>").build());

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().currentUser(ACCOUNT));

            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("could not be read");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void anOversizedAnswerIsCutOffAndNotRetried() {
            inject(b -> b.maxApiResponseBytes(2048), 2);
            server.enqueue(json(200, "{\"project\":{\"name\":\"" + "x".repeat(10_000) + "\"}}"));

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.getMessage()).contains("larger than the limit of 2048 bytes");
            assertThat(e.getCause()).isInstanceOf(ResponseTooLargeException.class);
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void aSmallGzippedAnswerThatInflatesPastTheLimitIsCutOffWhileReading() throws Exception {
            inject(b -> b.maxApiResponseBytes(2048), 2);
            okio.Buffer gzipped = new okio.Buffer();
            try (okio.BufferedSink sink = okio.Okio.buffer(new okio.GzipSink(gzipped))) {
                sink.writeUtf8("{\"project\":{\"name\":\"" + "x".repeat(100_000) + "\"}}");
            }
            assertThat(gzipped.size()).as("compressed, the body declares a length within the limit").isLessThan(2048);
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .addHeader("Content-Encoding", "gzip").body(gzipped).build());

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.getMessage()).contains("larger than the limit of 2048 bytes");
            assertThat(e.getCause()).isInstanceOf(ResponseTooLargeException.class);
            assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
        }

        @Test
        void redirectsAreNotFollowed() throws Exception {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", url("/elsewhere")).build());

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().currentUser(ACCOUNT));

            assertThat(e.httpStatus()).isEqualTo(302);
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Nested
    class ErrorMapping {
        @Test
        void neonsErrorBodyBecomesATypedException() throws Exception {
            enqueue(404, "error-not-found.json");

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.code()).contains("PROJECT_NOT_FOUND");
            assertThat(e.requestId()).contains("3f5e9b2c-0a1d-4c55-9d0e-6a1b2c3d4e5f");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("GET /projects/" + PROJECT).contains("404").contains("project not found");
            take();
        }

        @Test
        void withoutARequestIdInTheBodyTheSentOneIsKept() throws Exception {
            server.enqueue(json(404, "{\"code\":\"PROJECT_NOT_FOUND\",\"message\":\"project not found\"}"));

            NeonApiException e = catchThrowableOfType(NeonApiException.class, () -> api().getProject(ACCOUNT, PROJECT));

            assertThat(e.requestId()).contains(take().getHeaders().get("X-Request-ID"));
        }

        @Test
        void orgIdIsRequiredBecomesATypedErrorThatSaysWhatToDo() throws Exception {
            enqueue(400, "error-org-required.json");

            OrganizationRequiredException e = catchThrowableOfType(OrganizationRequiredException.class,
                    () -> api().createProject(ACCOUNT, ProjectCreation.named("myproject")));

            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.requestId()).contains("7c0e1a4b-6b2e-4f7a-9c3d-2e1f0a9b8c7d");
            assertThat(e.getMessage()).contains("org_id is required").contains("choose an organization");
            take();
        }

        @Test
        void listingProjectsWithoutAnOrganizationCanAlsoRequireOne() throws Exception {
            enqueue(400, "error-org-required.json");

            assertThat(catchThrowableOfType(OrganizationRequiredException.class,
                    () -> api().listProjects(ACCOUNT, ProjectQuery.ALL))).isNotNull();
            take();
        }

        @Test
        void deletingABranchThatIsAlreadyGoneSaysSo() throws Exception {
            server.enqueue(new MockResponse.Builder().code(204).build());

            NeonApiException e = catchThrowableOfType(NeonApiException.class,
                    () -> api().deleteBranch(ACCOUNT, PROJECT, "br-icy-dream-250089"));

            assertThat(e.httpStatus()).isEqualTo(204);
            assertThat(e.getMessage()).contains("does not exist or was already deleted");
            take();
        }
    }
}

package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CallDeadline}, the whole-call timeout of {@link HttpClients#builder}: a server that drips its body or stalls
 * is cut off at the deadline with OkHttp's own {@code InterruptedIOException("timeout")}; a fast call is never
 * cancelled; a cancellation from elsewhere is not reported as a timeout; a user's event listener sees every event.
 */
class CallDeadlineTest extends MockAuthorizationServer {
    private static final String BODY = "x".repeat(400);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /** The project's settings with a read timeout far longer than the call timeout, and a recording event listener. */
    private OkHttpClient client(Duration callTimeout) {
        return HttpClients.builder(Duration.ofSeconds(5), Duration.ofSeconds(20), callTimeout)
                .eventListenerFactory(call -> new Recorder())
                .build();
    }

    private Call call(OkHttpClient client, String path) {
        return client.newCall(new Request.Builder().url(url(path).toString()).build());
    }

    @Test
    void aBodyDrippedByteByByteIsCutOffAtTheDeadline() throws Exception {
        // 400 bytes, one every 50 ms: 20 s in all, each byte well within the 20 s read timeout
        server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(BODY)).throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
        Call call = call(client(Duration.ofMillis(800)), "/drip");

        long start = System.nanoTime();
        InterruptedIOException e = catchThrowableOfType(InterruptedIOException.class, () -> {
            try (Response response = call.execute()) {
                response.body().string();
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).hasMessage("timeout");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(800)).isLessThan(Duration.ofSeconds(5));
        assertThat(call.isCanceled()).isTrue();
        assertThat(CallDeadline.isOpen(call)).isFalse();
        assertThat(eventsOnceRecorded("canceled", "callFailed InterruptedIOException")).startsWith("callStart")
                .containsOnlyOnce("canceled", "callFailed InterruptedIOException").doesNotContain("callEnd");
    }

    @Test
    void aServerThatStallsBeforeItsHeadersIsCutOffWithTheCauseKept() throws Exception {
        server.enqueue(new MockResponse.Builder().body(BODY).headersDelay(10, TimeUnit.SECONDS).build());
        Call call = call(client(Duration.ofMillis(500)), "/stall");

        long start = System.nanoTime();
        InterruptedIOException e = catchThrowableOfType(InterruptedIOException.class, call::execute);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).hasMessage("timeout");
        assertThat(e.getCause()).as("the failure the cancellation caused").isInstanceOf(IOException.class);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(5));
        assertThat(call.isCanceled()).isTrue();
        assertThat(CallDeadline.isOpen(call)).isFalse();
        assertThat(eventsOnceRecorded("canceled", "callFailed InterruptedIOException")).startsWith("callStart")
                .containsOnlyOnce("canceled", "callFailed InterruptedIOException").doesNotContain("callEnd");
    }

    @Test
    void aShortDeadlineIsKeptWhileTheCheckerSleepsTowardsALongerOne() throws Exception {
        // a long call keeps the checker planning its next wake-up a tick ahead; the short one must not wait for it
        server.enqueue(new MockResponse.Builder().body(BODY).headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(new MockResponse.Builder().body(BODY).headersDelay(10, TimeUnit.SECONDS).build());
        Call longCall = call(client(Duration.ofSeconds(30)), "/long");
        var longResult = scheduler.submit(() -> {
            try (Response response = longCall.execute()) {
                return response.body().string();
            }
        });
        Thread.sleep(200);
        Call shortCall = call(client(Duration.ofMillis(200)), "/short");

        long start = System.nanoTime();
        InterruptedIOException e = catchThrowableOfType(InterruptedIOException.class, shortCall::execute);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).hasMessage("timeout");
        assertThat(took).as("not a whole tick late").isLessThan(CallDeadline.TICK.minusMillis(100));
        assertThat(longResult.get(10, TimeUnit.SECONDS)).isEqualTo(BODY);
        assertThat(longCall.isCanceled()).isFalse();
    }

    @Test
    void aFastCallIsNeverCancelledAndItsDeadlineEndsWithTheBody() throws Exception {
        server.enqueue(new MockResponse.Builder().body(BODY).build());
        Call call = call(client(Duration.ofMillis(300)), "/fast");

        try (Response response = call.execute()) {
            assertThat(CallDeadline.isOpen(call)).as("the body is still to be read").isTrue();
            assertThat(response.body().string()).isEqualTo(BODY);
            assertThat(CallDeadline.isOpen(call)).as("read to its end").isFalse();
        }
        Thread.sleep(600);

        assertThat(call.isCanceled()).isFalse();
        assertThat(events).doesNotContain("canceled").last().isEqualTo("callEnd");
        assertThat(events).containsSubsequence("callStart", "requestHeadersStart", "responseHeadersEnd 200",
                "responseBodyEnd", "callEnd");
    }

    @Test
    void closingABodyUnreadEndsItsDeadline() throws Exception {
        server.enqueue(new MockResponse.Builder().body(BODY).build());
        Call call = call(client(Duration.ofMillis(300)), "/unread");

        try (Response response = call.execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(CallDeadline.isOpen(call)).isFalse();
        Thread.sleep(600);
        assertThat(call.isCanceled()).isFalse();
    }

    @Test
    void aCancelFromElsewhereIsNotATimeout() throws Exception {
        server.enqueue(new MockResponse.Builder().body(BODY).headersDelay(10, TimeUnit.SECONDS).build());
        Call call = call(client(Duration.ofSeconds(30)), "/cancelled");
        scheduler.schedule(call::cancel, 300, TimeUnit.MILLISECONDS);

        IOException e = catchThrowableOfType(IOException.class, call::execute);

        assertThat(e).isNotInstanceOf(InterruptedIOException.class);
        assertThat(e.getMessage()).isNotEqualTo("timeout");
        assertThat(call.isCanceled()).isTrue();
        assertThat(CallDeadline.isOpen(call)).isFalse();
        String failed = "callFailed " + e.getClass().getSimpleName();
        assertThat(eventsOnceRecorded("canceled", failed)).startsWith("callStart")
                .containsOnlyOnce("canceled", failed).doesNotContain("callEnd");
    }

    @Test
    void aCallAfterTheCheckerWentIdleStillHasItsDeadline() throws Exception {
        server.enqueue(new MockResponse.Builder().body(BODY).build());
        try (Response response = call(client(Duration.ofSeconds(1)), "/before").execute()) {
            assertThat(response.body().string()).isEqualTo(BODY);
        }
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!CallDeadline.checkerIdle() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(CallDeadline.checkerIdle()).as("no call for over a tick: the checker parks").isTrue();
        server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(BODY)).throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
        Call call = call(client(Duration.ofMillis(500)), "/after");

        InterruptedIOException e = catchThrowableOfType(InterruptedIOException.class, () -> {
            try (Response response = call.execute()) {
                response.body().string();
            }
        });

        assertThat(e).hasMessage("timeout");
        assertThat(call.isCanceled()).isTrue();
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> CallDeadline.of(Duration.ZERO)))
                .hasMessageContaining("positive");
    }

    /** A user's event listener: records what OkHttp tells it. */
    /**
     * The events once {@code expected} are all among them (at most 5 s). OkHttp's {@code Call.cancel()} closes the
     * socket first and reports {@code canceled} after, on the cancelling thread (the checker, okio's watchdog or the
     * test's scheduler), while the calling thread reports {@code callFailed} as soon as its read fails: the two
     * arrive in either order, and {@code canceled} may come after {@code execute()} has thrown.
     */
    private List<String> eventsOnceRecorded(String... expected) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!events.containsAll(List.of(expected)) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return List.copyOf(events);
    }

    private final class Recorder extends EventListener {
        @Override
        public void callStart(Call call) {
            events.add("callStart");
        }

        @Override
        public void requestHeadersStart(Call call) {
            events.add("requestHeadersStart");
        }

        @Override
        public void responseHeadersEnd(Call call, Response response) {
            events.add("responseHeadersEnd " + response.code());
        }

        @Override
        public void responseBodyEnd(Call call, long byteCount) {
            events.add("responseBodyEnd");
        }

        @Override
        public void callEnd(Call call) {
            events.add("callEnd");
        }

        @Override
        public void callFailed(Call call, IOException ioe) {
            events.add("callFailed " + ioe.getClass().getSimpleName());
        }

        @Override
        public void canceled(Call call) {
            events.add("canceled");
        }
    }
}

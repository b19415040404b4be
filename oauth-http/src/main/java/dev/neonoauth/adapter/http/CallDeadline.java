package dev.neonoauth.adapter.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.AsyncTimeout;
import okio.Okio;
import okio.Timeout;

/**
 * The whole-call timeout of every HTTP call of this project, with OkHttp's {@code callTimeout} behaviour (the call is
 * cancelled when the time is up, whatever it is doing: connecting, writing, waiting, or reading a body that a server
 * drips out byte by byte; the caller and {@link okhttp3.EventListener#callFailed} get
 * {@code InterruptedIOException("timeout")} with the cancellation's failure as its cause;
 * {@link okhttp3.EventListener#canceled} is called), but without a watchdog wake-up per call: OkHttp's own call
 * timeout enters okio's {@code AsyncTimeout} at every call, which signals okio's watchdog thread and cost 7 µs of CPU
 * per API call in the benchmarks (docs/benchmarks.md).
 *
 * <p>Instead, each call gets one deadline, kept in a set that one daemon thread of the JVM checks. That thread sleeps
 * until the earliest deadline it knows of (at most {@link #TICK} between checks while calls run) and is only woken
 * when a new deadline is earlier than its planned wake-up, or when it had gone idle; with calls of one timeout back to
 * back it wakes about once a second instead of once a call. Reading the body also checks the deadline, so a body that
 * keeps arriving is cut off at the first read past it. A deadline that fires arms the call's own OkHttp timeout to
 * expire at once (the client must have no call timeout of its own; if it has one, the call is cancelled here and the
 * failure turned into the same exception): OkHttp then cancels and fails the call exactly as for its own timeout, and
 * okio's watchdog only ever runs for calls that time out.
 *
 * <p>The deadline runs from the moment the call reaches this interceptor (it must be the first application
 * interceptor, as {@link HttpClients#builder} installs it) until the response body is read to its end or closed, or
 * the call fails: the same span as OkHttp's own call timeout, follow-ups such as a 401 retry included. Cancelling the
 * call from elsewhere ({@link Call#cancel()}) is not a timeout: the caller gets the cancellation's own exception.
 */
public final class CallDeadline implements Interceptor {
    /** The longest the checker sleeps while calls are open, so that a deadline is never missed by more than this. */
    static final Duration TICK = Duration.ofSeconds(1);
    private static final Checker CHECKER = new Checker();

    private final long timeoutNanos;

    private CallDeadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a call timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    /** Whole-call deadlines of {@code timeout} each; add it before any other application interceptor. */
    public static CallDeadline of(Duration timeout) {
        return new CallDeadline(timeout);
    }

    /** The timeout of each call. */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** True while {@code call}'s deadline runs (for tests). */
    static boolean isOpen(Call call) {
        return CHECKER.live.stream().anyMatch(d -> d.call == call);
    }

    /** True if the checker thread is parked with no deadline to watch (for tests). */
    static boolean checkerIdle() {
        return CHECKER.idle();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Deadline deadline = CHECKER.register(chain.call(), System.nanoTime() + timeoutNanos);
        Response response;
        try {
            deadline.checkNotPassed();
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            deadline.end();
            throw deadline.translate(e);
        } catch (RuntimeException | Error e) {
            deadline.end();
            throw e;
        }
        ResponseBody body = response.body();
        if (body.contentLength() == 0) {
            // nothing left to read (a 204, an empty answer): OkHttp ends its own call timeout here too
            deadline.end();
            return response;
        }
        return response.newBuilder().body(new DeadlineBody(body, deadline)).build();
    }

    /** One call's deadline: open until the call ends, or fired by the checker or a reader that found it passed. */
    static final class Deadline {
        private static final VarHandle STATE;
        private static final int OPEN = 0;
        private static final int ENDED = 1;
        private static final int FIRED = 2;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Deadline.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Call call;
        private final long at;
        private final Checker checker;
        /**
         * The call's own OkHttp timeout, if the client has no call timeout of its own: firing arms it to expire at
         * once, so that OkHttp cancels the call and reports the timeout exactly as it reports its own.
         */
        private final AsyncTimeout okHttpTimeout;
        @SuppressWarnings("unused") // through STATE
        private volatile int state;

        Deadline(Call call, long at, Checker checker) {
            this.call = call;
            this.at = at;
            this.checker = checker;
            Timeout timeout = call.timeout();
            this.okHttpTimeout = timeout instanceof AsyncTimeout async && timeout.timeoutNanos() == 0
                    && !timeout.hasDeadline() ? async : null;
        }

        /** The call finished (body read or closed, or failed): the deadline no longer applies. */
        void end() {
            if (STATE.compareAndSet(this, OPEN, ENDED)) {
                checker.live.remove(this);
            }
        }

        /** The time is up: cancels the call, once. */
        void fire() {
            if (!STATE.compareAndSet(this, OPEN, FIRED)) {
                return;
            }
            checker.live.remove(this);
            if (okHttpTimeout != null) {
                try {
                    // OkHttp's watchdog cancels the call within microseconds; OkHttp then fails it with
                    // InterruptedIOException("timeout"), to the caller and to callFailed, as for its own call timeout
                    okHttpTimeout.timeout(1, TimeUnit.NANOSECONDS);
                    okHttpTimeout.enter();
                    return;
                } catch (IllegalStateException alreadyEntered) {
                    // someone else uses the call's timeout: cancel it here instead
                }
            }
            call.cancel();
        }

        boolean fired() {
            return state == FIRED;
        }

        /** Fires the deadline if it has passed; throws the timeout if this class must report it itself. */
        void checkNotPassed() throws InterruptedIOException {
            if (state == OPEN && System.nanoTime() - at >= 0) {
                fire();
            }
            if (fired() && okHttpTimeout == null) {
                throw timeout(null);
            }
        }

        /**
         * A failure of a call whose deadline fired is the timeout. When OkHttp's own timeout was armed, OkHttp makes it
         * one (a failure inside the interceptor chain is turned into the timeout when the call ends; a body's read
         * failure already is one); otherwise this class does.
         */
        IOException translate(IOException e) {
            if (!fired() || okHttpTimeout != null || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
                return e;
            }
            return timeout(e);
        }

        private static InterruptedIOException timeout(IOException cause) {
            InterruptedIOException timeout = new InterruptedIOException("timeout");
            if (cause != null) {
                timeout.initCause(cause);
            }
            return timeout;
        }
    }

    /** The body of a call under a deadline: reading past the deadline fails, the end of the body ends the deadline. */
    private static final class DeadlineBody extends ResponseBody {
        private final ResponseBody delegate;
        private final Deadline deadline;
        private BufferedSource source;

        DeadlineBody(ResponseBody delegate, Deadline deadline) {
            this.delegate = delegate;
            this.deadline = deadline;
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public BufferedSource source() {
            if (source == null) {
                source = Okio.buffer(new ForwardingSource(delegate.source()) {
                    @Override
                    public long read(Buffer sink, long byteCount) throws IOException {
                        long read;
                        try {
                            deadline.checkNotPassed();
                            read = super.read(sink, byteCount);
                        } catch (IOException e) {
                            deadline.end();
                            throw deadline.translate(e);
                        }
                        if (read == -1) {
                            deadline.end();
                        }
                        return read;
                    }

                    @Override
                    public void close() throws IOException {
                        deadline.end();
                        super.close();
                    }
                });
            }
            return source;
        }

        @Override
        public void close() {
            deadline.end();
            delegate.close();
        }
    }

    /**
     * The one thread that fires deadlines. It keeps no queue of its own: it scans the open deadlines when it wakes,
     * fires those that have passed, and sleeps until the earliest of the others (or {@link #TICK}). A registration wakes
     * it only if the new deadline is earlier than its planned wake-up, or if it is scanning (it may have missed the new
     * one) or idle.
     */
    static final class Checker implements Runnable {
        private static final long TICK_NANOS = TICK.toNanos();
        /** A planned wake-up meaning "not before someone unparks me": an idle checker. */
        private static final long IDLE = Long.MAX_VALUE;

        final Set<Deadline> live = ConcurrentHashMap.newKeySet();
        private final Object startLock = new Object();
        private volatile Thread thread;
        /** True from the start of a scan until the planned wake-up is published. */
        private volatile boolean scanning = true;
        /** When the checker plans to wake next ({@link System#nanoTime()}), or {@link #IDLE}. */
        private volatile long wakeAt = IDLE;
        /** Set by registrations, cleared by each scan: an empty set with no registration since means idle. */
        private volatile boolean registeredSinceScan;

        Deadline register(Call call, long at) {
            Deadline deadline = new Deadline(call, at, this);
            live.add(deadline);
            if (!registeredSinceScan) {
                registeredSinceScan = true;
            }
            Thread t = thread;
            if (t == null) {
                start();
            } else if (scanning) {
                // the scan under way may have missed this deadline: make its sleep end at once
                LockSupport.unpark(t);
            } else {
                // read after scanning: this is the wake-up planned by a scan that saw this deadline, or a later one
                long wake = wakeAt;
                if (wake == IDLE || at - wake < 0) {
                    LockSupport.unpark(t);
                }
            }
            return deadline;
        }

        private void start() {
            synchronized (startLock) {
                if (thread == null) {
                    Thread t = new Thread(this, "neon-oauth call deadlines");
                    t.setDaemon(true);
                    thread = t;
                    t.start();
                }
            }
        }

        @Override
        public void run() {
            while (true) {
                scanning = true;
                registeredSinceScan = false;
                long now = System.nanoTime();
                long next = now + TICK_NANOS;
                for (Deadline d : live) {
                    if (d.at - now <= 0) {
                        d.fire();
                    } else if (d.at - next < 0) {
                        next = d.at;
                    }
                }
                if (live.isEmpty() && !registeredSinceScan) {
                    wakeAt = IDLE;
                    scanning = false;
                    if (live.isEmpty()) {
                        LockSupport.park(this);
                    }
                    continue;
                }
                wakeAt = next;
                scanning = false;
                LockSupport.parkNanos(this, next - now);
            }
        }

        /** For tests: true if the checker thread is parked with nothing to do. */
        boolean idle() {
            Thread t = thread;
            return t != null && wakeAt == IDLE && !scanning && t.getState() == Thread.State.WAITING;
        }
    }
}

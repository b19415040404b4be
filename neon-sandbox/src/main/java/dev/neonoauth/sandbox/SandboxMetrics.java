package dev.neonoauth.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of what clients asked the sandbox, for tests that check a client's behaviour (for example that it
 * refreshed exactly once, or retried after a 503). Requests are counted when they arrive, before any fault is
 * injected, so a request answered by a fault counts too.
 */
public final class SandboxMetrics {

    private final Map<String, AtomicLong> tokenRequests = new ConcurrentHashMap<>();
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong authorizationRequests = new AtomicLong();
    private final AtomicLong revocationRequests = new AtomicLong();
    private final AtomicLong faultsInjected = new AtomicLong();

    /** Token endpoint requests with this {@code grant_type} (e.g. {@code authorization_code}, {@code refresh_token}). */
    public long tokenRequests(String grantType) {
        AtomicLong n = tokenRequests.get(grantType);
        return n == null ? 0 : n.get();
    }

    /** Token endpoint requests with {@code grant_type=refresh_token}. */
    public long refreshRequests() {
        return tokenRequests("refresh_token");
    }

    /** Requests under {@code /api/v2}. */
    public long apiRequests() {
        return apiRequests.get();
    }

    /** Requests to {@code /oauth2/auth}. */
    public long authorizationRequests() {
        return authorizationRequests.get();
    }

    /** Requests to {@code /oauth2/revoke}. */
    public long revocationRequests() {
        return revocationRequests.get();
    }

    /** Requests that got an injected status, dropped connection or truncated body. */
    public long faultsInjected() {
        return faultsInjected.get();
    }

    /** Sets every counter back to zero. */
    public void reset() {
        tokenRequests.clear();
        apiRequests.set(0);
        authorizationRequests.set(0);
        revocationRequests.set(0);
        faultsInjected.set(0);
    }

    /** Called by the sandbox's HTTP layer. */
    public void countTokenRequest(String grantType) {
        tokenRequests.computeIfAbsent(grantType == null ? "" : grantType, k -> new AtomicLong()).incrementAndGet();
    }

    /** Called by the sandbox's HTTP layer. */
    public void countApiRequest() {
        apiRequests.incrementAndGet();
    }

    /** Called by the sandbox's HTTP layer. */
    public void countAuthorizationRequest() {
        authorizationRequests.incrementAndGet();
    }

    /** Called by the sandbox's HTTP layer. */
    public void countRevocationRequest() {
        revocationRequests.incrementAndGet();
    }

    /** Called by the sandbox's HTTP layer. */
    public void countFault() {
        faultsInjected.incrementAndGet();
    }

    @Override
    public String toString() {
        return "SandboxMetrics[token=" + tokenRequests + ", api=" + apiRequests + ", authorize=" + authorizationRequests
                + ", revoke=" + revocationRequests + ", faults=" + faultsInjected + "]";
    }
}

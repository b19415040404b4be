package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.in.AccessTokenResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one HTTP attempt of a Neon API call, attached to the OkHttp request as its tag: whose token it
 * carries, its request id, whether it was sent, what the one forced refresh after a 401 gave. Shared by the
 * interceptors, the authenticator and the event listener of that attempt; never rendered with the token.
 */
final class CallContext {
    private final AccountKey account;
    private final String requestId;
    private final String method;
    private final String path;
    private volatile AccessToken token;
    private volatile boolean requestSent;
    private volatile int lastStatus;
    private volatile int refreshes;
    private volatile AccessTokenResult.ReauthorizationRequired reauthorization;
    private volatile RuntimeException refreshFailure;

    CallContext(AccountKey account, AccessToken token, String method, String path) {
        this.account = Objects.requireNonNull(account, "account == null");
        this.token = Objects.requireNonNull(token, "token == null");
        this.method = Objects.requireNonNull(method, "method == null");
        this.path = Objects.requireNonNull(path, "path == null");
        this.requestId = dev.neonoauth.adapter.http.HttpClients.newRequestId();
    }


    AccountKey account() {
        return account;
    }

    String requestId() {
        return requestId;
    }

    /** E.g. {@code POST /projects}; for messages and logs (built when asked for, not on every call). */
    String operation() {
        return method + " " + path;
    }

    AccessToken token() {
        return token;
    }

    void replaceToken(AccessToken newer) {
        this.token = Objects.requireNonNull(newer, "newer == null");
        refreshes++;
    }

    int refreshes() {
        return refreshes;
    }

    void markRequestSent() {
        requestSent = true;
    }

    /** True once OkHttp started writing the request: from then on the server may have acted on it. */
    boolean requestSent() {
        return requestSent;
    }

    void recordStatus(int status) {
        lastStatus = status;
    }

    /** The status of the last response received, 0 if none. */
    int lastStatus() {
        return lastStatus;
    }

    void reauthorizationRequired(AccessTokenResult.ReauthorizationRequired result) {
        this.reauthorization = result;
    }

    Optional<AccessTokenResult.ReauthorizationRequired> reauthorization() {
        return Optional.ofNullable(reauthorization);
    }

    void refreshFailed(RuntimeException failure) {
        this.refreshFailure = failure;
    }

    Optional<RuntimeException> refreshFailure() {
        return Optional.ofNullable(refreshFailure);
    }

    @Override
    public String toString() {
        return "CallContext{" + operation() + ", account=" + account + ", requestId=" + requestId + "}";
    }
}

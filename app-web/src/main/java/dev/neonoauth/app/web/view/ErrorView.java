package dev.neonoauth.app.web.view;

import java.util.Objects;
import java.util.Optional;

/**
 * An error page: what happened in words for a person, the ids support needs, and the one action that helps.
 *
 * @param status the HTTP status of the page
 * @param title a short heading
 * @param message what happened and what to do; never contains a token, code or secret
 * @param neonRequestId Neon's request id for API errors
 * @param neonErrorCode Neon's or the OAuth server's error code, when there was one
 * @param requestId this app's request id (also in the access log and the X-Request-ID header)
 * @param action the button offered
 * @param scopes for {@link Action#ASK_FOR_SCOPES}: the scopes to ask for, space-delimited
 * @param returnTo where to come back after connecting
 */
public record ErrorView(
        int status,
        String title,
        String message,
        Optional<String> neonRequestId,
        Optional<String> neonErrorCode,
        String requestId,
        Action action,
        String scopes,
        String returnTo) {

    public enum Action { HOME, CONNECT, ASK_FOR_SCOPES, BACK_TO_PROJECTS }

    public ErrorView {
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(neonRequestId, "neonRequestId == null");
        Objects.requireNonNull(neonErrorCode, "neonErrorCode == null");
        Objects.requireNonNull(requestId, "requestId == null");
        Objects.requireNonNull(action, "action == null");
        Objects.requireNonNull(scopes, "scopes == null");
        Objects.requireNonNull(returnTo, "returnTo == null");
    }

    public static ErrorView of(int status, String title, String message, String requestId, Action action) {
        return new ErrorView(status, title, message, Optional.empty(), Optional.empty(), requestId, action, "", "/projects");
    }

    public ErrorView withNeon(Optional<String> neonRequestId, Optional<String> code) {
        return new ErrorView(status, title, message, neonRequestId, code, requestId, action, scopes, returnTo);
    }

    public ErrorView askingFor(String scopeList, String back) {
        return new ErrorView(status, title, message, neonRequestId, neonErrorCode, requestId, Action.ASK_FOR_SCOPES,
                scopeList, back);
    }

    public ErrorView returningTo(String back) {
        return new ErrorView(status, title, message, neonRequestId, neonErrorCode, requestId, action, scopes, back);
    }
}

package dev.neonoauth.sandbox.internal.oauth;

/**
 * An OAuth error as fosite (Hydra's OAuth library) reports it with {@code UseLegacyErrorFormat=false}: the JSON body
 * is only {@code {"error", "error_description"}}, and the description is fosite's fixed description followed by the
 * hint, with {@code "} replaced by {@code '} (NEON.md 1.7). The texts below are fosite's.
 */
public final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String INVALID_REQUEST_DESCRIPTION = "The request is missing a required parameter, includes an invalid "
            + "parameter value, includes a parameter more than once, or is otherwise malformed.";
    static final String INVALID_REQUEST_DEFAULT_HINT = "Make sure that the various parameters are correct, be aware of "
            + "case sensitivity and trim your parameters. Make sure that the client you are using has exactly whitelisted "
            + "the redirect_uri you specified.";
    static final String INVALID_GRANT_DESCRIPTION = "The provided authorization grant (e.g., authorization code, resource "
            + "owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in "
            + "the authorization request, or was issued to another client.";

    private final String error;
    private final String baseDescription;
    private final String hint;
    private final int status;

    private OAuthError(String error, String baseDescription, String hint, int status) {
        super(error, null, false, false);
        this.error = error;
        this.baseDescription = baseDescription;
        this.hint = hint;
        this.status = status;
    }

    public static OAuthError invalidRequest(String hint) {
        return new OAuthError("invalid_request", INVALID_REQUEST_DESCRIPTION,
                hint == null ? INVALID_REQUEST_DEFAULT_HINT : hint, 400);
    }

    public static OAuthError invalidGrant(String hint) {
        return new OAuthError("invalid_grant", INVALID_GRANT_DESCRIPTION, hint, 400);
    }

    /**
     * fosite's {@code ErrInactiveToken}, which fosite before 0.49 returns for a refresh token that is no longer
     * active (reused or revoked): status 401.
     */
    public static OAuthError tokenInactive() {
        return new OAuthError("token_inactive", "Token is inactive because it is malformed, expired or otherwise invalid.",
                "Token validation failed.", 401);
    }

    public static OAuthError invalidClient(String hint) {
        return new OAuthError("invalid_client", "Client authentication failed (e.g., unknown client, no client "
                + "authentication included, or unsupported authentication method).", hint, 401);
    }

    public static OAuthError unauthorizedClient(String hint) {
        return new OAuthError("unauthorized_client", "The client is not authorized to request a token using this method.",
                hint == null ? "Make sure that client id and secret are correctly specified and that the client exists." : hint,
                400);
    }

    public static OAuthError accessDenied(String hint) {
        return new OAuthError("access_denied", "The resource owner or authorization server denied the request.",
                hint == null ? "Make sure that the request you are making is valid. Maybe the credential or request "
                        + "parameters you are using are limited in scope or otherwise restricted." : hint, 403);
    }

    public static OAuthError invalidScope(String hint) {
        return new OAuthError("invalid_scope", "The requested scope is invalid, unknown, or malformed.", hint, 400);
    }

    public static OAuthError unsupportedResponseType(String hint) {
        return new OAuthError("unsupported_response_type",
                "The authorization server does not support obtaining a token using this method.", hint, 400);
    }

    public static OAuthError unsupportedGrantType(String hint) {
        return new OAuthError("unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.", hint, 400);
    }

    public static OAuthError invalidState(String hint) {
        return new OAuthError("invalid_state",
                "The state is missing or does not have enough characters and is therefore considered too weak.", hint, 400);
    }

    public static OAuthError loginRequired(String hint) {
        return new OAuthError("login_required", "The Authorization Server requires End-User authentication.", hint, 400);
    }

    public static OAuthError requestUnauthorized(String hint) {
        return new OAuthError("request_unauthorized", "The request could not be authorized.",
                hint == null ? "Check that you provided valid credentials in the right format." : hint, 401);
    }

    public static OAuthError serverError(String hint) {
        return new OAuthError("server_error", "The authorization server encountered an unexpected condition that "
                + "prevented it from fulfilling the request.", hint, 500);
    }

    public static OAuthError temporarilyUnavailable(String hint) {
        return new OAuthError("temporarily_unavailable", "The authorization server is currently unable to handle the "
                + "request due to a temporary overloading or maintenance of the server.", hint, 503);
    }

    /** The error for an injected fault status, in fosite's vocabulary. */
    public static OAuthError forStatus(int status) {
        if (status == 503) {
            return temporarilyUnavailable(null);
        }
        if (status >= 500) {
            return serverError(null).withStatus(status);
        }
        return new OAuthError("invalid_request", INVALID_REQUEST_DESCRIPTION, "The sandbox injected a " + status + " fault.", status);
    }

    private OAuthError withStatus(int newStatus) {
        return new OAuthError(error, baseDescription, hint, newStatus);
    }

    public String error() {
        return error;
    }

    public String hint() {
        return hint;
    }

    public int status() {
        return status;
    }

    /** fosite's non-legacy {@code error_description}: description, a space, the hint; double quotes become single. */
    public String description() {
        String d = hint == null || hint.isEmpty() ? baseDescription : baseDescription + " " + hint;
        return d.replace('"', '\'');
    }

    @Override
    public String getMessage() {
        return error + ": " + description();
    }
}

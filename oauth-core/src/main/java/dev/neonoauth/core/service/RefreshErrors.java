package dev.neonoauth.core.service;

import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import java.util.Locale;
import java.util.Set;

/**
 * How a refused refresh is classified (docs/adr/0006-refresh-policy.md).
 */
final class RefreshErrors {
    /** The grant is dead: delete the tokens and ask the user to authorize again. */
    private static final Set<OAuthErrorCode> DEAD_GRANT = Set.of(
            OAuthErrorCode.INVALID_GRANT, OAuthErrorCode.INVALID_TOKEN, OAuthErrorCode.TOKEN_INACTIVE);

    private RefreshErrors() {}

    enum Kind { DEAD_GRANT, TRANSIENT, PERMANENT }

    static Kind classify(OAuthError error, int httpStatus) {
        if (DEAD_GRANT.contains(error.code())) {
            return Kind.DEAD_GRANT;
        }
        if (error.is(OAuthErrorCode.TEMPORARILY_UNAVAILABLE) || error.is(OAuthErrorCode.SERVER_ERROR)
                || httpStatus == 409 || httpStatus == 429 || httpStatus >= 500) {
            return Kind.TRANSIENT;
        }
        if (error.is(OAuthErrorCode.INVALID_REQUEST)) {
            // Hydra: "Failed to refresh token because of multiple concurrent requests using the same token. Please
            // retry the request." and "Failed to refresh token. Please retry the request." are concurrency symptoms.
            String text = (error.description().orElse("") + " " + error.hint().orElse("")).toLowerCase(Locale.ROOT);
            if (text.contains("concurrent") || text.contains("retry")) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.PERMANENT;
    }
}

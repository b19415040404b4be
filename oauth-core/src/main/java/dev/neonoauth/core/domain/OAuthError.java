package dev.neonoauth.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth error response: the code, its optional human-readable description and URI, and Ory Hydra's optional
 * legacy {@code error_hint} (Ory Hydra and fosite send it).
 *
 * <p>Related specifications: RFC 6749 section 4.1.2.1 and section 5.2.
 */
public record OAuthError(OAuthErrorCode code, Optional<String> description, Optional<String> uri, Optional<String> hint) {
    /** Descriptions longer than this are cut: they come from the network and end up in messages. */
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    public OAuthError {
        Objects.requireNonNull(code, "code == null");
        description = clean(description, "description");
        uri = clean(uri, "uri");
        hint = clean(hint, "hint");
    }

    public static OAuthError of(OAuthErrorCode code) {
        return new OAuthError(code, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static OAuthError of(OAuthErrorCode code, String description) {
        return new OAuthError(code, Optional.ofNullable(description), Optional.empty(), Optional.empty());
    }

    /** True when the server named this code. */
    public boolean is(OAuthErrorCode other) {
        return code.equals(other);
    }

    /** The code with its description, e.g. {@code invalid_grant (The refresh token was already used.)}. */
    public String summary() {
        StringBuilder text = new StringBuilder(code.value());
        description.ifPresent(d -> text.append(" (").append(d).append(')'));
        hint.filter(h -> description.map(d -> !d.contains(h)).orElse(true))
                .ifPresent(h -> text.append(" hint: ").append(h));
        return text.toString();
    }

    private static Optional<String> clean(Optional<String> value, String name) {
        Objects.requireNonNull(value, () -> name + " == null");
        return value.map(v -> {
            StringBuilder out = new StringBuilder(Math.min(v.length(), MAX_DESCRIPTION_LENGTH));
            for (int i = 0; i < v.length() && out.length() < MAX_DESCRIPTION_LENGTH; i++) {
                char c = v.charAt(i);
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
            return out.toString().strip();
        }).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "OAuthError[" + summary() + "]";
    }
}

package dev.neonoauth.app.web.view;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A branch's connection string: masked by default, the password only in the answer to "Show password" (a POST with
 * the CSRF token, never cached), with the database, role and pooled/direct choice. The record's toString never shows
 * the revealed string.
 *
 * @param masked the connection string with its password replaced by asterisks
 * @param revealed the connection string with its password, only when the user asked for it
 * @param unavailable why there is no connection string, in words
 * @param noEndpoint the branch has no compute endpoint (the page offers to add one)
 */
public record ConnectionView(
        String branchId,
        String branchName,
        List<String> databases,
        List<String> roles,
        String database,
        String role,
        boolean pooled,
        Optional<String> masked,
        Optional<String> revealed,
        Optional<String> unavailable,
        boolean noEndpoint) {
    public ConnectionView {
        Objects.requireNonNull(branchId, "branchId == null");
        databases = List.copyOf(databases);
        roles = List.copyOf(roles);
        Objects.requireNonNull(masked, "masked == null");
        Objects.requireNonNull(revealed, "revealed == null");
        Objects.requireNonNull(unavailable, "unavailable == null");
    }

    public static ConnectionView unavailable(String branchId, String branchName, String why) {
        return new ConnectionView(branchId, branchName, List.of(), List.of(), "", "", false, Optional.empty(),
                Optional.empty(), Optional.of(why), false);
    }

    /** What to show: the revealed string when asked for, else the masked one. */
    public String shown() {
        return revealed.or(() -> masked).orElse("");
    }

    /**
     * The connection string with its password masked: {@code postgresql://role:secret@host/db} becomes
     * {@code postgresql://role:********@host/db}.
     */
    public static String mask(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return "********";
        }
        int authorityEnd = uri.indexOf('/', scheme + 3);
        String authority = authorityEnd < 0 ? uri.substring(scheme + 3) : uri.substring(scheme + 3, authorityEnd);
        int at = authority.lastIndexOf('@');
        int colon = at < 0 ? -1 : authority.indexOf(':');
        if (colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, scheme + 3) + authority.substring(0, colon + 1) + "********"
                + authority.substring(at) + (authorityEnd < 0 ? "" : uri.substring(authorityEnd));
    }

    @Override
    public String toString() {
        return "ConnectionView{branchId=" + branchId + ", database=" + database + ", role=" + role + ", pooled="
                + pooled + ", revealed=" + revealed.isPresent() + "}";
    }
}

package dev.neonoauth.app.web.view;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The account page: who is connected and what the grant allows, as far as Neon could tell. The page renders whatever
 * Neon's API does, so that Disconnect is always reachable; what could not be loaded is named in {@code notice}. Holds
 * no token: the access token never reaches a template.
 *
 * @param profile the Neon user, when {@code GET /users/me} answered
 * @param notice what could not be loaded, for the person reading the page
 * @param grantedScopes the permissions of the stored grant (empty when it could not be read)
 * @param tokenExpiry when the access token expires, when known
 * @param accountKey this app's key for the connected account
 */
public record AccountView(
        Optional<Profile> profile,
        Optional<String> notice,
        List<String> grantedScopes,
        Optional<String> tokenExpiry,
        String accountKey) {

    /** The Neon user as {@code GET /users/me} describes them. */
    public record Profile(String userId, String email, Optional<String> name) {
        public Profile {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(email, "email == null");
            Objects.requireNonNull(name, "name == null");
        }
    }

    public AccountView {
        Objects.requireNonNull(profile, "profile == null");
        Objects.requireNonNull(notice, "notice == null");
        grantedScopes = List.copyOf(grantedScopes);
        Objects.requireNonNull(tokenExpiry, "tokenExpiry == null");
        Objects.requireNonNull(accountKey, "accountKey == null");
    }
}

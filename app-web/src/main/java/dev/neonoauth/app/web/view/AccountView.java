package dev.neonoauth.app.web.view;

import java.util.List;
import java.util.Optional;

/**
 * The account page: who is connected and what the grant allows. Holds no token: the access token never reaches a
 * template.
 */
public record AccountView(
        String userId,
        String email,
        Optional<String> name,
        List<String> grantedScopes,
        Optional<String> tokenExpiry,
        String accountKey) {
    public AccountView {
        grantedScopes = List.copyOf(grantedScopes);
    }
}

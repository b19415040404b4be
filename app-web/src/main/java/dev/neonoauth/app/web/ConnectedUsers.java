package dev.neonoauth.app.web;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.NeonApi;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is connected, for the header of every page: the Neon user's e-mail address, asked of Neon once per account and
 * instance ({@code GET /users/me}) and kept in memory. When Neon cannot say, the header just says "Connected".
 */
@Singleton
final class ConnectedUsers {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectedUsers.class);
    private static final int MAX_ENTRIES = 10_000;
    private final NeonApi neon;
    private final Map<String, String> emails = new ConcurrentHashMap<>();

    @Inject
    ConnectedUsers(NeonApi neon) {
        this.neon = neon;
    }

    /** The connected user's e-mail address, when known or Neon tells it now. */
    Optional<String> email(String accountKey) {
        String known = emails.get(accountKey);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            String email = neon.currentUser(AccountKey.of(accountKey)).email();
            if (emails.size() >= MAX_ENTRIES) {
                emails.clear();
            }
            emails.put(accountKey, email);
            return Optional.of(email);
        } catch (RuntimeException e) {
            LOG.debug("the connected user could not be named for the header ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    void forget(String accountKey) {
        emails.remove(accountKey);
    }
}

package dev.neonoauth.app.web;

import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records revocations and confirms them (RFC 7009: 200), or, when {@link #unreachable}, fails as oauth-http does. */
final class FakeRevocationEndpoint implements RevocationEndpoint {
    final List<Revocation> revoked = new CopyOnWriteArrayList<>();
    volatile boolean unreachable;

    @Override
    public Outcome revoke(Revocation request) {
        if (unreachable) {
            throw new TokenEndpointUnavailableException("token revocation could not be reached or its answer was cut off",
                    true);
        }
        revoked.add(request);
        return new Outcome.Revoked();
    }
}

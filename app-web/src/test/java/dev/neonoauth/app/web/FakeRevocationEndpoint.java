package dev.neonoauth.app.web;

import dev.neonoauth.core.port.out.RevocationEndpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records revocations and confirms them (RFC 7009: 200). */
final class FakeRevocationEndpoint implements RevocationEndpoint {
    final List<Revocation> revoked = new CopyOnWriteArrayList<>();

    @Override
    public Outcome revoke(Revocation request) {
        revoked.add(request);
        return new Outcome.Revoked();
    }
}

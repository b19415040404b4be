package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.contract.PendingAuthorizationStoreContract;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;

/** The example's pending-authorization store passes the core's contract. */
class InMemoryPendingAuthorizationStoreTest implements PendingAuthorizationStoreContract {
    private final InMemoryPendingAuthorizationStore store = new InMemoryPendingAuthorizationStore();

    @Override
    public PendingAuthorizationStore pendingStore() {
        return store;
    }
}

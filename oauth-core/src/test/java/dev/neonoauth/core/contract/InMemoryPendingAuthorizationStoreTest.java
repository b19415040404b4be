package dev.neonoauth.core.contract;

import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;

/** The reference store passes the contract, which proves the contract can be met. */
class InMemoryPendingAuthorizationStoreTest implements PendingAuthorizationStoreContract {
    private final InMemoryPendingAuthorizationStore store = new InMemoryPendingAuthorizationStore();

    @Override
    public PendingAuthorizationStore pendingStore() {
        return store;
    }
}

package dev.neonoauth.core.contract;

import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;

/** The reference store passes the contract, which proves the contract can be met. */
class InMemoryTokenStoreTest implements TokenStoreContract {
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    public TokenStore tokenStore() {
        return store;
    }
}

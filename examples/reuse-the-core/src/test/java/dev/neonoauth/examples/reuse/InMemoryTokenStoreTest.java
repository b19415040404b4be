package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.contract.TokenStoreContract;
import dev.neonoauth.core.port.out.TokenStore;

/** The example's token store passes the core's contract, like every other store. */
class InMemoryTokenStoreTest implements TokenStoreContract {
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    public TokenStore tokenStore() {
        return store;
    }
}

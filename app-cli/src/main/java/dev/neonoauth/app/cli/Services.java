package dev.neonoauth.app.cli;

import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.neon.NeonApi;

/**
 * The application services the commands use. Created on first need (a command that needs none, such as
 * {@code --help} or {@code sandbox}, assembles nothing), and each service is built on its first call.
 */
interface Services extends AutoCloseable {
    AuthorizationFlow authorizationFlow();

    AccessTokenProvider accessTokens();

    Disconnect disconnect();

    NeonApi neonApi();

    /** Closes the storage's pool if it was opened. */
    @Override
    void close();
}

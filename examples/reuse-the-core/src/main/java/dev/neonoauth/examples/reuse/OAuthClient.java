package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.core.service.AuthorizationFlowService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/**
 * The whole object graph, by hand: discovery, then the core's two services over this example's adapters. This is
 * all the wiring a service needs; no dependency-injection container is required.
 */
final class OAuthClient {
    private final AuthorizationServer server;
    private final AuthorizationFlow flow;
    private final AccessTokenProvider tokens;
    private final HttpUserInfoEndpoint userInfo;

    private OAuthClient(AuthorizationServer server, AuthorizationFlow flow, AccessTokenProvider tokens,
            HttpUserInfoEndpoint userInfo) {
        this.server = server;
        this.flow = flow;
        this.tokens = tokens;
        this.userInfo = userInfo;
    }

    /**
     * Discovers the provider and assembles the services.
     *
     * @throws dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException when discovery fails
     * @throws IllegalArgumentException when the provider does not accept the configured client authentication
     */
    static OAuthClient connect(ProviderConfig config, HttpClient http, Clock clock, TokenStore store,
            PendingAuthorizationStore pending) {
        HttpDiscovery.Metadata metadata = new HttpDiscovery(http).metadata(config.issuer());
        List<String> accepted = metadata.tokenEndpointAuthMethods();
        ClientAuthenticationMethod method = config.authenticationMethod();
        if (!accepted.isEmpty() && !accepted.contains(method.parameterValue())) {
            throw new IllegalArgumentException("the provider accepts " + accepted + " at its token endpoint, not "
                    + method.parameterValue() + "; set " + ProviderConfig.ENV_CLIENT_AUTH + " to one of them");
        }
        AuthorizationServer server = metadata.server();
        ClientRegistration client = config.clientRegistration();
        HttpTokenEndpoint tokenEndpoint = new HttpTokenEndpoint(http, server.tokenEndpoint());
        AuthorizationFlow flow = new AuthorizationFlowService(server, client, pending, store, tokenEndpoint,
                SecureRandomSource.system(), clock, AuthorizationFlowService.DEFAULT_STATE_TTL);
        AccessTokenProvider tokens = new AccessTokenService(client, store, tokenEndpoint, clock);
        return new OAuthClient(server, flow, tokens,
                server.userinfoEndpoint().map(uri -> new HttpUserInfoEndpoint(http, uri)).orElse(null));
    }

    AuthorizationServer server() {
        return server;
    }

    /** The in-port that starts and completes logins. */
    AuthorizationFlow flow() {
        return flow;
    }

    /** The in-port that hands out a usable access token, refreshing it when needed. */
    AccessTokenProvider tokens() {
        return tokens;
    }

    /** The OpenID Connect userinfo endpoint, when the provider has one. */
    java.util.Optional<HttpUserInfoEndpoint> userInfo() {
        return java.util.Optional.ofNullable(userInfo);
    }
}

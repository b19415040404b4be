package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization server discovery with the JDK's HTTP client. Tries, in order:
 * <ol>
 *   <li>OpenID Connect Discovery 1.0 section 4: {@code <issuer>/.well-known/openid-configuration};
 *   <li>RFC 8414 section 3.1: {@code <scheme>://<host>/.well-known/oauth-authorization-server<issuer path>}.
 * </ol>
 * A 404 moves on to the next; the first document found must name the configured issuer (RFC 8414 section 3.3, OIDC
 * Discovery section 4.3; one trailing slash aside) and must allow PKCE with S256 when it lists methods at all, since
 * the core uses nothing else. Results are cached per issuer; failures are not.
 */
final class HttpDiscovery implements AuthorizationServerDiscovery {

    /** What discovery found: the endpoints the core uses, and the raw document for any further checks. */
    record Metadata(AuthorizationServer server, Map<String, Object> document) {
        /** The client authentication methods the server lists; empty when it lists none (RFC 8414: then basic). */
        List<String> tokenEndpointAuthMethods() {
            return Json.strings(document, "token_endpoint_auth_methods_supported").orElse(List.of());
        }
    }

    private final HttpClient http;
    private final Map<String, Metadata> cache = new ConcurrentHashMap<>();

    HttpDiscovery(HttpClient http) {
        this.http = Objects.requireNonNull(http, "http == null");
    }

    @Override
    public AuthorizationServer discover(URI issuer) {
        return metadata(issuer).server();
    }

    /** @throws DiscoveryException when no valid metadata for {@code issuer} could be obtained */
    Metadata metadata(URI issuer) {
        Objects.requireNonNull(issuer, "issuer == null");
        String key = withoutTrailingSlash(issuer.toString());
        Metadata cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Metadata fetched = fetch(issuer);
        cache.putIfAbsent(key, fetched);
        return fetched;
    }

    static List<URI> wellKnownUris(URI issuer) {
        String base = withoutTrailingSlash(issuer.toString());
        String path = withoutTrailingSlash(Optional.ofNullable(issuer.getRawPath()).orElse(""));
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return List.of(
                URI.create(base + "/.well-known/openid-configuration"),
                URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    }

    private Metadata fetch(URI issuer) {
        List<String> notFound = new ArrayList<>();
        for (URI uri : wellKnownUris(issuer)) {
            Http.Answer answer;
            try {
                answer = Http.send(http, Http.request(uri).GET().build());
            } catch (IOException e) {
                throw new DiscoveryException("discovery at " + uri + " failed: " + e.getClass().getSimpleName(), true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DiscoveryException("interrupted during discovery at " + uri, true, e);
            }
            if (answer.status() == 404) {
                notFound.add(uri.toString());
                continue;
            }
            if (answer.status() != 200) {
                throw new DiscoveryException("discovery at " + uri + " answered HTTP " + answer.status()
                        + (answer.status() / 100 == 3 ? " (redirects are not followed)" : ""),
                        answer.isRetryableFailure(), null);
            }
            return parse(issuer, uri, answer.body());
        }
        throw new DiscoveryException("no authorization server metadata for " + issuer + " (HTTP 404 at "
                + String.join(" and ", notFound) + "); check the issuer URL", false, null);
    }

    private static Metadata parse(URI issuer, URI from, String body) {
        Map<String, Object> document;
        try {
            document = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("the metadata at " + from + " is not a JSON object: " + e.getMessage(), true, null);
        }
        String named = Json.string(document, "issuer").orElseThrow(
                () -> new DiscoveryException("the metadata at " + from + " names no issuer", false, null));
        if (!AuthorizationServer.sameIssuer(named, issuer.toString())) {
            throw new DiscoveryException("the metadata at " + from + " names the issuer " + named
                    + ", not the configured " + issuer + "; refusing it (RFC 8414 section 3.3)", false, null);
        }
        Optional<List<String>> pkce = Json.strings(document, "code_challenge_methods_supported");
        if (pkce.isPresent() && !pkce.get().contains("S256")) {
            throw new DiscoveryException("the server at " + issuer + " does not list PKCE method S256 "
                    + pkce.get() + "; this client uses nothing else (RFC 7636)", false, null);
        }
        try {
            AuthorizationServer server = AuthorizationServer.builder()
                    .issuer(uri(named, "issuer"))
                    .authorizationEndpoint(uri(required(document, "authorization_endpoint"), "authorization_endpoint"))
                    .tokenEndpoint(uri(required(document, "token_endpoint"), "token_endpoint"))
                    .revocationEndpoint(Json.string(document, "revocation_endpoint").map(s -> uri(s, "revocation_endpoint")))
                    .userinfoEndpoint(Json.string(document, "userinfo_endpoint").map(s -> uri(s, "userinfo_endpoint")))
                    .build();
            return new Metadata(server, document);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DiscoveryException("the metadata at " + from + " is invalid: " + e.getMessage(), false, e);
        }
    }

    private static String required(Map<String, Object> document, String name) {
        return Json.string(document, name).filter(s -> !s.isBlank()).orElseThrow(
                () -> new IllegalArgumentException("it has no " + name));
    }

    private static URI uri(String value, String name) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URI", e);
        }
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

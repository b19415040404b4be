/**
 * The domain of OAuth 2.0 as a client sees it: one immutable type per concept, validated on construction, secrets
 * redacted in {@code toString}. No I/O, no clock reads, no ports.
 *
 * <p>Related specifications: RFC 6749 (OAuth 2.0), RFC 6750 (bearer tokens), RFC 7636 (PKCE), RFC 8252 (native apps),
 * RFC 8414 (server metadata), RFC 9207 (issuer identification), RFC 9700 (security best current practice).
 */
package dev.neonoauth.core.domain;

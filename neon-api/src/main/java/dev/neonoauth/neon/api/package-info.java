/**
 * Out-port for Neon's API v2 (https://console.neon.tech/api/v2): the resources the sample apps use, as plain records,
 * so that no application sees an HTTP or JSON type. Every call is made on behalf of one {@link
 * dev.neonoauth.core.domain.AccountKey}; the adapter obtains a bearer token for it from the core's {@code
 * AccessTokenProvider} and checks the granted scopes before sending anything.
 */
package dev.neonoauth.neon.api;

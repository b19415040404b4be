/**
 * oauth-core: the OAuth 2.0 client as a hexagon, on the JDK alone. {@link dev.neonoauth.core.OAuthClient} assembles
 * the use cases ({@code port.in}) from the ports ({@code port.out}); {@code domain} holds the value types,
 * {@code service} the use cases' implementation, {@code memory} single-process stores.
 *
 * <p>Nothing here is specific to one authorization server. Neon, the provider this project was built for, is one
 * provider among others: its issuer, scopes and API live in the neon-api module (docs/adr/0013).
 */
package dev.neonoauth.core;

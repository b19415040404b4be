/**
 * Neon as one OAuth provider among others: its issuer, Ory Hydra's endpoint layout, its scopes; and, in
 * {@link dev.neonoauth.neon.api}, the out-port for Neon's API v2. Depends on oauth-core alone, like the core depends
 * on the JDK alone; adapters (neon-api-adapter) implement the port. See docs/adr/0013-provider-agnostic-core-and-module-split.md.
 */
package dev.neonoauth.neon;

/**
 * Out-ports: everything the core needs from outside the JVM, as interfaces that adapters implement, with the
 * unchecked {@link dev.neonoauth.core.port.out.InfrastructureException}s they may throw. Contract tests for the stores
 * ship in oauth-core's test-jar.
 */
package dev.neonoauth.core.port.out;

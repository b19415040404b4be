/**
 * Stores for one process, shipped with the core so that a command-line tool, a test or a single-instance service needs
 * no database: {@link dev.neonoauth.core.memory.InMemoryTokenStore} and
 * {@link dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore}. They keep nothing across restarts and share
 * nothing between processes; storage-jdbc is the durable, shared alternative.
 */
package dev.neonoauth.core.memory;

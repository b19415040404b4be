/**
 * In-ports: the use cases applications drive — {@link dev.neonoauth.core.port.in.AuthorizationFlow},
 * {@link dev.neonoauth.core.port.in.AccessTokenProvider} and {@link dev.neonoauth.core.port.in.Disconnect} — with their
 * commands and sealed results.
 */
package dev.neonoauth.core.port.in;

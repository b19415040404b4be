/**
 * The use-case implementations. Applications construct them (no {@code @Inject} in the core; see
 * docs/adr/0005-guice-module-policy.md) and depend on the in-port interfaces.
 */
package dev.neonoauth.core.service;

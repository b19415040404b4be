/**
 * Guice wiring of the core: {@link dev.neonoauth.guice.OAuthCoreModule}, shared by both sample apps and by reusers
 * who use Guice. Everything here can be done in plain Java with {@link dev.neonoauth.core.OAuthClient#builder()}.
 */
package dev.neonoauth.guice;

/**
 * The generic OAuth 2.0 / OpenID Connect HTTP adapter: {@link dev.neonoauth.adapter.http.OAuthHttp} implements the
 * core's server-facing ports for any standards-compliant server, configured by
 * {@link dev.neonoauth.adapter.http.OAuthHttpConfig}; {@link dev.neonoauth.adapter.http.OAuthHttpModule} binds them
 * in Guice. {@link dev.neonoauth.adapter.http.HttpClients}, {@link dev.neonoauth.adapter.http.RedactingHttpLogger}
 * and {@link dev.neonoauth.adapter.http.ResponseSizeLimitInterceptor} are the shared OkHttp settings other HTTP
 * adapters (such as neon-api-adapter) build on.
 */
package dev.neonoauth.adapter.http;

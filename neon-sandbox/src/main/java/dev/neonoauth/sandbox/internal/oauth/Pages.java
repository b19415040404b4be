package dev.neonoauth.sandbox.internal.oauth;

import static dev.neonoauth.sandbox.internal.http.HttpSupport.escapeHtml;

import dev.neonoauth.sandbox.NeonScopes;
import dev.neonoauth.sandbox.SandboxClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sign-in, consent, error and index pages. Plain HTML, no scripts; every dynamic value is escaped. */
final class Pages {

    private Pages() {
    }

    static String signIn(SandboxClient client, String loginChallenge, String email, String error, String hint) {
        StringBuilder b = head("Sign in");
        b.append("<h1>Sign in to Neon</h1>\n<p>to continue to <strong id=\"app-name\">").append(escapeHtml(client.name()))
                .append("</strong></p>\n");
        if (error != null) {
            b.append("<p class=\"error\" id=\"error\">").append(escapeHtml(error)).append("</p>\n");
        }
        b.append("<form method=\"post\" action=\"/login\">\n")
                .append("<input type=\"hidden\" name=\"login_challenge\" value=\"").append(escapeHtml(loginChallenge)).append("\">\n")
                .append("<label for=\"email\">Email</label>\n")
                .append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"")
                .append(escapeHtml(email == null ? "" : email)).append("\">\n")
                .append("<label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n")
                .append("<button id=\"sign-in\" class=\"primary\" type=\"submit\">Sign in</button>\n</form>\n");
        if (hint != null) {
            b.append("<p class=\"note\">").append(escapeHtml(hint)).append("</p>\n");
        }
        b.append("<p class=\"note\">This is the neon-oauth-java sandbox, a local stand-in for Neon's sign-in.</p>\n");
        return tail(b);
    }

    static String consent(SandboxClient client, String consentChallenge, String userEmail, List<String> scopes) {
        StringBuilder b = head("Authorize " + client.name());
        b.append("<div class=\"app\">");
        if (client.logoUri() != null && !client.logoUri().isBlank()) {
            b.append("<img id=\"app-logo\" src=\"").append(escapeHtml(client.logoUri())).append("\" alt=\"")
                    .append(escapeHtml(client.name())).append(" logo\">");
        }
        b.append("<div><h1><span id=\"app-name\">").append(escapeHtml(client.name()))
                .append("</span> wants to access your Neon account</h1>\n<p class=\"note\">Signed in as ")
                .append(escapeHtml(userEmail)).append("</p></div></div>\n");
        b.append("<p>This will allow ").append(escapeHtml(client.name())).append(" to:</p>\n<ul class=\"scopes\" id=\"scopes\">\n");
        Map<String, String> words = new LinkedHashMap<>();
        for (String s : scopes) {
            words.putIfAbsent(NeonScopes.describe(s), s);
        }
        for (Map.Entry<String, String> w : words.entrySet()) {
            b.append("<li data-scope=\"").append(escapeHtml(w.getValue())).append("\">").append(escapeHtml(w.getKey()))
                    .append("</li>\n");
        }
        b.append("</ul>\n<form method=\"post\" action=\"/consent\">\n")
                .append("<input type=\"hidden\" name=\"consent_challenge\" value=\"").append(escapeHtml(consentChallenge)).append("\">\n")
                .append("<button id=\"approve\" class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
                .append("<button id=\"deny\" class=\"secondary\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n")
                .append("</form>\n");
        return tail(b);
    }

    static String error(String error, String description) {
        StringBuilder b = head("Error");
        b.append("<h1>The request could not be processed</h1>\n<p class=\"error\"><code id=\"error\">")
                .append(escapeHtml(error)).append("</code></p>\n<p id=\"error-description\">")
                .append(escapeHtml(description)).append("</p>\n")
                .append("<p class=\"note\">You were not redirected back to the application because the request could not be trusted.</p>\n");
        return tail(b);
    }

    static String message(String title, String text) {
        StringBuilder b = head(title);
        b.append("<h1>").append(escapeHtml(title)).append("</h1>\n<p>").append(escapeHtml(text)).append("</p>\n");
        return tail(b);
    }

    static String index(String issuer, String api, List<SandboxClient> clients) {
        StringBuilder b = head("neon-oauth-java sandbox");
        b.append("<h1>neon-oauth-java sandbox</h1>\n<p>A local stand-in for Neon's OAuth server and API v2.</p>\n<ul>\n")
                .append("<li>Issuer: <code>").append(escapeHtml(issuer)).append("</code></li>\n")
                .append("<li>Discovery: <code>").append(escapeHtml(issuer)).append(".well-known/openid-configuration</code></li>\n")
                .append("<li>API: <code>").append(escapeHtml(api)).append("</code></li>\n</ul>\n<p>Clients:</p>\n<ul>\n");
        for (SandboxClient c : clients) {
            b.append("<li><code>").append(escapeHtml(c.clientId())).append("</code> (")
                    .append(c.isPublic() ? "public" : "confidential").append(")</li>\n");
        }
        b.append("</ul>\n");
        return tail(b);
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escapeHtml(title)).append(" · Neon sandbox</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/sandbox/assets/sandbox.css\">\n</head>\n<body>\n<main>\n");
    }

    private static String tail(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }
}

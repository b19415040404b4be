package dev.neonoauth.examples.filestore;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plaintext inside a token file: {@code name=value} lines, values form-encoded (UTF-8), so any account key,
 * subject or scope survives. The account key is stored too, because the file name is only its hash.
 */
final class TokenFileFormat {
    static final String VERSION = "1";

    /** What a token file holds. */
    record Entry(AccountKey account, TokenSet tokens) {}

    /** The file could not be read back; the message names the field, never a value. */
    static final class InvalidRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRecordException(String message) {
            super(message);
        }
    }

    private TokenFileFormat() {}

    static byte[] encode(AccountKey account, TokenSet tokens) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("format", VERSION);
        fields.put("account", account.value());
        fields.put("access_token", tokens.accessToken().value());
        tokens.refreshToken().ifPresent(t -> fields.put("refresh_token", t.value()));
        tokens.expiresAt().ifPresent(t -> fields.put("expires_at", t.toString()));
        fields.put("granted_scopes", tokens.grantedScopes().render());
        fields.put("token_type", "Bearer"); // only Bearer tokens exist here (RFC 6750); kept for readers of the file
        fields.put("issued_at", tokens.issuedAt().toString());
        tokens.subject().ifPresent(s -> fields.put("subject", s));
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) ->
                out.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Entry decode(byte[] plaintext) throws InvalidRecordException {
        Map<String, String> fields = new LinkedHashMap<>();
        String field = "format";
        try {
            for (String line : new String(plaintext, StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("a line without a name");
                }
                field = line.substring(0, eq);
                if (fields.put(field, URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                    throw new IllegalArgumentException("a repeated field");
                }
            }
            field = "format";
            if (!VERSION.equals(fields.get("format"))) {
                throw new IllegalArgumentException("an unknown format");
            }
            field = "account";
            AccountKey account = AccountKey.of(required(fields, field));
            field = "access_token";
            TokenSet.Builder tokens = TokenSet.builder();
            tokens.accessToken(new AccessToken(required(fields, field)));
            field = "refresh_token";
            tokens.refreshToken(optional(fields, field).map(RefreshToken::new));
            field = "expires_at";
            tokens.expiresAt(optional(fields, field).map(Instant::parse));
            field = "granted_scopes";
            tokens.grantedScopes(ScopeSet.parse(required(fields, field)));
            field = "token_type";
            if (!required(fields, field).equalsIgnoreCase("bearer")) {
                throw new IllegalArgumentException("not a Bearer token");
            }
            field = "issued_at";
            tokens.issuedAt(Instant.parse(required(fields, field)));
            field = "subject";
            tokens.subject(optional(fields, field));
            field = "token set";
            return new Entry(account, tokens.build());
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
            // no cause: parser messages (URLDecoder, Instant.parse) quote the text they failed on
            throw new InvalidRecordException("invalid field '" + field + "' (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing");
        }
        return value;
    }

    private static Optional<String> optional(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name));
    }
}

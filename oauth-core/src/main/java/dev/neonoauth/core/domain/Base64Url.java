package dev.neonoauth.core.domain;

import java.util.Base64;

/** Unpadded base64url (RFC 4648 section 5), as RFC 7636 section 3 requires. */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {}

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }
}

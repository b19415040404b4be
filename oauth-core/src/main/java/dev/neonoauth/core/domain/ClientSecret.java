package dev.neonoauth.core.domain;

/**
 * A confidential client's secret. Never logged, never in {@link #toString()}.
 *
 * <p>Related specifications: RFC 6749 section 2.3.1.
 */
public record ClientSecret(String value) {

    public ClientSecret {
        Secrets.requireVisibleAscii(value, "client secret");
    }

    @Override
    public String toString() {
        return "ClientSecret[" + Secrets.REDACTED + "]";
    }
}

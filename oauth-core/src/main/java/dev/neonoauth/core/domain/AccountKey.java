package dev.neonoauth.core.domain;

/**
 * The application's key for one connected account at the authorization server: the user of the application (a web app's user id, a CLI
 * profile name) under which a grant is stored. One application holds many grants, one per key.
 */
public record AccountKey(String value) {
    public static final int MAX_LENGTH = 200;

    public AccountKey {
        Secrets.requireText(value, "account key");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("account key is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("account key contains a control character at index " + i);
            }
        }
    }

    public static AccountKey of(String value) {
        return new AccountKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

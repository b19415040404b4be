package dev.neonoauth.app.web;

import java.util.Optional;

/** Checks of ids and names that come from the browser, before they are put into a Neon API path or request. */
final class Ids {
    private Ids() {}

    /** Neon ids (projects, branches, operations, organizations) are short and made of [A-Za-z0-9_-]. */
    static boolean isNeonId(String value) {
        if (value == null || value.isEmpty() || value.length() > 100) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String requireNeonId(String value) {
        if (!isNeonId(value)) {
            throw new WebExceptions.NotFoundException();
        }
        return value;
    }

    /** An optional id parameter: blank means absent, anything else must be an id. */
    static Optional<String> optionalNeonId(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!isNeonId(value)) {
            throw new WebExceptions.BadInputException("That is not a Neon id.");
        }
        return Optional.of(value);
    }

    /** A name for a project or branch: 1 to 64 characters, no control characters. Anything else is fine: it is escaped. */
    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new WebExceptions.BadInputException("Give the " + what + " a name.");
        }
        String name = value.strip();
        if (name.length() > 64) {
            throw new WebExceptions.BadInputException("The " + what + " name is longer than 64 characters.");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new WebExceptions.BadInputException("The " + what + " name contains a control character.");
            }
        }
        return name;
    }
}

package dev.neonoauth.neon.api;

import java.util.Locale;

/** Status of a Neon operation; unknown values from a newer API map to {@link #UNKNOWN}. */
public enum OperationStatus {
    SCHEDULING, RUNNING, FINISHED, FAILED, ERROR, CANCELLING, CANCELLED, SKIPPED, UNKNOWN;

    /** True when the operation will not change any more. */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == ERROR || this == CANCELLED || this == SKIPPED;
    }

    /** True when the operation ended without doing its work. */
    public boolean isFailure() {
        return this == FAILED || this == ERROR || this == CANCELLED;
    }

    public static OperationStatus parse(String wire) {
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNKNOWN;
        }
    }

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.neonoauth.app.cli;

/**
 * An expected failure of a command: a one-line message for the user and the exit code. The message never carries a
 * token, code, verifier or secret.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException error(String message) {
        return new CliException(ExitCode.ERROR, message);
    }

    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /**
     * The value {@code build} makes from what the user typed; its {@link IllegalArgumentException} (a record's check
     * of a name or combination) is a usage error with the check's message.
     */
    static <T> T usageIfInvalid(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    int exitCode() {
        return exitCode;
    }
}

package dev.neonoauth.app.cli;

/** The documented exit codes (docs/app-cli.md, "Exit codes"). */
final class ExitCode {
    /** The command did what was asked. */
    static final int SUCCESS = 0;
    /** Anything else went wrong: network, Neon refused, login failed or was denied, timeout, storage. */
    static final int ERROR = 1;
    /** The command line was wrong: unknown command or option, missing or malformed value. */
    static final int USAGE = 2;
    /** There is no usable login for the profile (never logged in, logged out, grant revoked or expired). */
    static final int LOGIN_REQUIRED = 3;
    /** The login lacks a scope the command needs: log in again asking for it. */
    static final int MISSING_SCOPE = 4;

    private ExitCode() {}
}

package dev.neonoauth.app.web;

/** Outcomes of a request that become error pages or redirects (see {@link ErrorPages}). */
final class WebExceptions {
    private WebExceptions() {}

    /** The browser presented a session cookie that names no live session (timed out, ended, or unknown). */
    static final class SessionExpiredException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionExpiredException() {
            super("the session expired");
        }
    }

    /** The page needs a connected Neon account and this session has none. */
    static final class NotConnectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotConnectedException() {
            super("no Neon account is connected in this session");
        }
    }

    /** A state-changing request without the session's CSRF token. */
    static final class CsrfRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CsrfRejectedException() {
            super("the form's CSRF token is missing or wrong");
        }
    }

    /** Nothing here (an id that cannot be a Neon id, an unknown route). */
    static final class NotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFoundException() {
            super("not found");
        }
    }

    /** Form input that cannot be accepted; the message is fit for the user and quotes no input. */
    static final class BadInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }
}

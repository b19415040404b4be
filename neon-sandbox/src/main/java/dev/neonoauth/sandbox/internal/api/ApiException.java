package dev.neonoauth.sandbox.internal.api;

/** An API error, rendered as {@code {code, message, request_id}} with the given status. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }

    /** 423: another operation is in progress on the project (NEON.md 5: safe to retry). */
    public static ApiException locked() {
        return new ApiException(423, "LOCKED", "project already has running conflicting operations, scheduling of new ones is prohibited");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

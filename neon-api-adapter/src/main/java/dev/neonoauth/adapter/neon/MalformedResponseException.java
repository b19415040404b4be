package dev.neonoauth.adapter.neon;

/** A 2xx body lacked a field this adapter needs. Turned into a {@code NeonApiException} by the executor. */
final class MalformedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}

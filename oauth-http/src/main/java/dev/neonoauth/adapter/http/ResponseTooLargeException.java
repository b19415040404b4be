package dev.neonoauth.adapter.http;

import java.io.IOException;

/** A response body was longer than the configured limit; reading stopped there. */
public final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public ResponseTooLargeException(long limit) {
        super("the response body is longer than the limit of " + limit + " bytes");
    }
}

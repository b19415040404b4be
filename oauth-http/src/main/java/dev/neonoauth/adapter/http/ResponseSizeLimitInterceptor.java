package dev.neonoauth.adapter.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps every response body at {@code limit} bytes (after decompression): a declared length over the limit fails at
 * once, an undeclared one fails with {@link ResponseTooLargeException} when reading passes the limit. Protects
 * against hostile or broken servers that stream without end. A body whose declared length is within the limit is
 * passed through untouched: OkHttp never reads past a declared {@code Content-Length}, and a body it decompresses
 * transparently has no declared length here, so it is counted. (OkHttp decompresses only what it asked for itself: no
 * interceptor of this module sets {@code Accept-Encoding}.)
 */
public final class ResponseSizeLimitInterceptor implements Interceptor {
    private final long limit;

    public ResponseSizeLimitInterceptor(long limit) {
        this.limit = limit;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        long declared = body.contentLength();
        if (declared > limit) {
            response.close();
            throw new ResponseTooLargeException(limit);
        }
        if (declared >= 0) {
            return response;
        }
        BufferedSource capped = Okio.buffer(new ForwardingSource(body.source()) {
            private long total;

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long read = super.read(sink, byteCount);
                if (read > 0) {
                    total += read;
                    if (total > limit) {
                        throw new ResponseTooLargeException(limit);
                    }
                }
                return read;
            }
        });
        return response.newBuilder().body(ResponseBody.create(capped, body.contentType(), declared)).build();
    }
}

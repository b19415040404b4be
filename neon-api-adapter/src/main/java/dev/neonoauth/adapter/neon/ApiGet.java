package dev.neonoauth.adapter.neon;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import retrofit2.Response;

/**
 * A {@code GET} of the API without Retrofit's per-call work: the JSON adapter is looked up once, the request starts
 * from {@link ApiClient}'s constant headers and gets the call's request id and bearer token in the same step, the URL
 * is the caller's (resolved once, or built from the base URL without parsing it again). The answer is what Retrofit's
 * {@code Call.execute()} gives, read as Retrofit's Moshi converter reads it (a UTF-8 byte order mark skipped, the whole
 * document consumed, the body closed), so {@link NeonCallExecutor} maps both alike. Same client, so the same
 * interceptors, whole-call deadline, size cap and 401 authenticator apply.
 *
 * @param <J> the JSON type of a 2xx answer
 */
final class ApiGet<J> {
    private static final ByteString UTF8_BOM = ByteString.decodeHex("EFBBBF");
    private final ApiClient api;
    private final JsonAdapter<J> adapter;

    ApiGet(ApiClient api, Class<J> type) {
        this.api = api;
        this.adapter = Json.MOSHI.adapter(type);
    }

    /** One attempt: {@code GET url} with the context's request id and token. */
    Response<J> execute(CallContext context, HttpUrl url) throws IOException {
        Request request = new Request.Builder()
                .url(url)
                .headers(api.headers())
                .addHeader(ApiHeadersInterceptor.REQUEST_ID, context.requestId())
                .addHeader("Authorization", context.token().bearerHeaderValue())
                .tag(CallContext.class, context)
                .build();
        okhttp3.Response raw = api.http().newCall(request).execute();
        ResponseBody body = raw.body();
        int code = raw.code();
        if (code < 200 || code >= 300) {
            try (body) {
                Buffer buffer = new Buffer();
                body.source().readAll(buffer);
                return Response.error(ResponseBody.create(buffer, body.contentType(), body.contentLength()), raw);
            }
        }
        if (code == 204 || code == 205) {
            body.close();
            return Response.success(null, raw);
        }
        try (body) {
            return Response.success(read(body.source()), raw);
        }
    }

    private J read(BufferedSource source) throws IOException {
        if (source.rangeEquals(0, UTF8_BOM)) {
            source.skip(UTF8_BOM.size());
        }
        JsonReader reader = JsonReader.of(source);
        J value = adapter.fromJson(reader);
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
            throw new JsonDataException("JSON document was not fully consumed.");
        }
        return value;
    }
}

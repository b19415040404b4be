package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.RequestScheme;
import dev.neonoauth.app.web.view.ErrorView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before a request reaches the app: a malformed request line (400), a URI over the
 * size limit (414), headers over it (431). Jetty's default page names Jetty and carries none of the app's headers;
 * this one carries the same {@link SecurityHeaders} as every page of the app, and is the app's own error page (in
 * HTML whatever the request accepted, naming no server software and echoing nothing from the request).
 */
final class JettyErrorPages extends ErrorHandler {
    private final SecurityHeaders headers;
    private final Pages pages;
    private final boolean trustProxy;

    JettyErrorPages(SecurityHeaders headers, Pages pages, boolean trustProxy) {
        this.headers = headers;
        this.pages = pages;
        this.trustProxy = trustProxy;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean https = RequestScheme.isHttps(request.getHttpURI().getScheme(),
                request.getHeaders().get("X-Forwarded-Proto"), trustProxy);
        headers.headers(https, false).forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put("X-Request-ID", RequestIds.newId());
        return super.handle(request, response, callback);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String requestId = response.getHeaders().get("X-Request-ID");
        String html = pages.standaloneError(ErrorView.of(code, title(code),
                "This app could not read the request, so it did nothing. Check the address, or start again from the"
                        + " home page.", requestId, ErrorView.Action.HOME));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        response.write(true, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String title(int code) {
        return switch (code) {
            case 400 -> "Bad request";
            case 414 -> "The address is too long";
            case 431 -> "The request headers are too large";
            default -> HttpStatus.getMessage(code);
        };
    }
}

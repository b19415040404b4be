package dev.neonoauth.adapter.neon;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Records in the call's {@link CallContext} whether the request started going out and which status came back, so
 * that a failed {@code POST} can be told apart: not sent (safe to report as unreachable) or sent (outcome unknown).
 */
final class SendTracker extends EventListener {
    /** It keeps no state of its own (that is in the call's {@link CallContext}), so one serves every call. */
    private static final SendTracker INSTANCE = new SendTracker();
    static final EventListener.Factory FACTORY = call -> INSTANCE;

    @Override
    public void requestHeadersStart(Call call) {
        CallContext context = call.request().tag(CallContext.class);
        if (context != null) {
            context.markRequestSent();
        }
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        CallContext context = call.request().tag(CallContext.class);
        if (context != null) {
            context.recordStatus(response.code());
        }
    }
}

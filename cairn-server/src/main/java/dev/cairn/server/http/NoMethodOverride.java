package dev.cairn.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Removes {@code X-HTTP-Method-Override} before Javalin sees a request: Javalin honours that header (a POST carrying
 * {@code DELETE} is routed as a DELETE), which lets anything that can send a POST, a proxy's allow-list or a form,
 * reach other methods. A request's method is the one on its request line. Thread-safe (stateless).
 */
final class NoMethodOverride extends Handler.Wrapper {
    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        if (!headers.contains(HEADER)) {
            return super.handle(request, response, callback);
        }
        HttpFields without = HttpFields.build(headers).remove(HEADER).asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return without;
            }
        }, response, callback);
    }
}

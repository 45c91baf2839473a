package org.barometer.app.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The request-size limits, applied to the bytes as they arrive: a multipart upload may carry at most
 * {@link WebServer#MAX_UPLOAD_BYTES}, anything else {@link WebServer#MAX_FORM_BYTES}. A body that declares a larger
 * length is refused unread; a body without a length (chunked) is cut off with 413 as soon as it passes the limit,
 * so no handler ever reads more.
 */
final class BodyLimit extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        long limit = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                ? WebServer.MAX_UPLOAD_BYTES : WebServer.MAX_FORM_BYTES;
        long declared = request.getLength();
        if (declared > limit) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return true;
        }
        return super.handle(new Limited(request, limit), response, callback);
    }

    /** A request whose body fails with 413 once more than {@code limit} bytes have been read. */
    private static final class Limited extends Request.Wrapper {
        private final long limit;
        private long read;

        Limited(Request request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            read += chunk.remaining();
            if (read > limit) {
                chunk.release();
                return Content.Chunk.from(new org.eclipse.jetty.http.HttpException.RuntimeException(
                        HttpStatus.PAYLOAD_TOO_LARGE_413));
            }
            return chunk;
        }
    }
}

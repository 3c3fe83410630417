package org.peerstats.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.peerstats.streams.serde.Json;

/**
 * Jetty's answers to requests it refuses before Javalin sees them — headers too large (431), a
 * URI too long (414), a request it cannot parse (400) — in the service's own error shape,
 * {@code {"error": {"status", "code", "message"}}}, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        String standard = HttpStatus.getMessage(status);
        String message = reason == null || reason.isBlank() ? standard : reason;
        try {
            return Json.mapper().writeValueAsBytes(ErrorBody.of(status, code(status), message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body that cannot be written", e);
        }
    }

    /** {@code Request Header Fields Too Large} → {@code request_header_fields_too_large}. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 413 -> "payload_too_large";
            case 500 -> "internal";
            default -> HttpStatus.getMessage(status).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        };
    }
}

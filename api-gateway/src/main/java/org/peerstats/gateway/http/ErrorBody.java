package org.peerstats.gateway.http;

/** The JSON error shape of every failed request: {@code {"error": {"status", "code", "message"}}}. */
public record ErrorBody(Detail error) {

    public record Detail(int status, String code, String message) {
    }

    public static ErrorBody of(int status, String code, String message) {
        return new ErrorBody(new Detail(status, code, message));
    }
}

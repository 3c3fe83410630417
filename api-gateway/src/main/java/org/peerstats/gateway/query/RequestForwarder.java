package org.peerstats.gateway.query;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.peerstats.gateway.http.RequestParams;

/**
 * Sends a request on to the instance that hosts its key and copies the answer back: same method,
 * path, query, body, and the caller's credentials, marked with {@link #FORWARDED_HEADER} so the
 * receiver answers it itself and never forwards it again.
 */
public final class RequestForwarder {

    public static final String FORWARDED_HEADER = "X-Peerstats-Forwarded-By";
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            MentorRouter.ALLOW_STALE_HEADER, RequestParams.IDEMPOTENCY_KEY_HEADER);
    private static final List<String> RESPONSE_HEADERS = List.of("Retry-After", "WWW-Authenticate",
            MentorRouter.STALE_HEADER);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String self;
    private final Duration timeout;

    /**
     * @param timeout how long to wait for the other instance's answer: longer than the longest
     *                wait of a handler there, so a slow answer arrives rather than a timeout
     */
    public RequestForwarder(HostInfo self, Duration timeout) {
        this.self = self.host() + ":" + self.port();
        this.timeout = timeout;
    }

    /**
     * @throws java.net.http.HttpTimeoutException when the request was sent but no answer came in
     *         time: the other instance may have carried it out (a subclass of the next)
     * @throws IOException when the other instance cannot be reached (the caller decides what then)
     */
    public void forward(Context ctx, HostInfo target) throws IOException, InterruptedException {
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        URI uri = URI.create("http://" + target.host() + ":" + target.port() + ctx.path() + query);
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(FORWARDED_HEADER, self);
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        for (String name : RESPONSE_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.result(response.body());
    }
}

package org.peerstats.gateway.query;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.peer.ForwardedRequest;
import org.peerstats.gateway.peer.PeerSignature;
import org.peerstats.gateway.peer.PrincipalHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request on to the instance that hosts its key and copies the answer back: same method,
 * path, query, body and {@link ForwardedParts#HEADERS}, marked with
 * {@value ForwardedRequest#FORWARDED_BY_HEADER} so the receiver answers it itself and never
 * forwards it again.
 *
 * <p>The caller's bearer token stays here: whoever receives a forward — a peer, or anyone who
 * joined the consumer group with an {@code application.server} of their choosing — must not be
 * able to call the API as that caller. The forward carries instead the principal this instance
 * verified ({@value ForwardedRequest#PRINCIPAL_HEADER}) and the time, signed with the peer key
 * over every part above and the receiver's address ({@link PeerSignature}).
 */
public final class RequestForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestForwarder.class);
    private static final List<String> RESPONSE_HEADERS = List.of("Retry-After", "WWW-Authenticate",
            MentorRouter.STALE_HEADER);
    private static final int LOGGED_REFUSAL_CHARS = 300;
    /** The error code of a forward its receiver refused: a 502, since the client's own credentials were good. */
    public static final String PEER_REFUSED = "peer_refused";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String self;
    private final Duration timeout;
    private final PeerSignature signature;
    private final Clock clock;

    /**
     * @param timeout   how long to wait for the other instance's answer: longer than the longest
     *                  wait of a handler there, so a slow answer arrives rather than a timeout
     * @param signature the peer key every instance of the application shares
     * @param clock     the time a forward is signed at, which the receiver holds against its own
     */
    public RequestForwarder(HostInfo self, Duration timeout, PeerSignature signature, Clock clock) {
        this.self = ForwardedParts.address(self);
        this.timeout = timeout;
        this.signature = signature;
        this.clock = clock;
    }

    /**
     * @throws java.net.http.HttpTimeoutException when the request was sent but no answer came in
     *         time: the other instance may have carried it out (a subclass of the next)
     * @throws IOException when the other instance cannot be reached (the caller decides what then)
     */
    public void forward(Context ctx, HostInfo target) throws IOException, InterruptedException {
        String principal = AccessControl.verifiedCaller(ctx).map(PrincipalHeader::encode).orElse(null);
        ForwardedRequest signed = ForwardedParts.of(ctx, self, ForwardedParts.address(target),
                String.valueOf(clock.millis()), principal);
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        URI uri = URI.create("http://" + target.host() + ":" + target.port() + ctx.path() + query);
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(ForwardedRequest.FORWARDED_BY_HEADER, self)
                .header(ForwardedRequest.SIGNED_AT_HEADER, signed.signedAt())
                .header(ForwardedRequest.SIGNATURE_HEADER, signature.sign(signed));
        if (principal != null) {
            request.header(ForwardedRequest.PRINCIPAL_HEADER, principal);
        }
        for (ForwardedRequest.Header header : signed.headers()) {
            if (header.value() != null) {
                request.header(header.name(), header.value());
            }
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401) {
            logRefusal(ctx, target, response.body());
            throw new ApiException(502, PEER_REFUSED, "the instance holding this mentor refused the request this "
                    + "instance forwarded to it (the instances do not share a peer key, or their clocks are far "
                    + "apart); your credentials were accepted here. Retrying will not help until the instances "
                    + "are configured alike");
        }
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        for (String name : RESPONSE_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.result(response.body());
    }

    /**
     * This instance verified the caller, so a 401 from the other one is a refusal of this
     * instance's forward: peer keys that differ, clocks too far apart. The operator must hear of it,
     * and the client must not be told that its token is bad (a 401 would send it to log in again):
     * it gets a 502 saying what happened.
     */
    private static void logRefusal(Context ctx, HostInfo target, byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        LOG.warn("instance {} refused {} {} forwarded from here (do the instances share PEERSTATS_PEER_SECRET, or "
                        + "PEERSTATS_JWT_SECRET, and a clock?): {}", ForwardedParts.address(target), ctx.method(),
                ctx.path(), text.length() > LOGGED_REFUSAL_CHARS ? text.substring(0, LOGGED_REFUSAL_CHARS) : text);
    }
}

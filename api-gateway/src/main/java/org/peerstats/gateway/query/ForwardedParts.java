package org.peerstats.gateway.query;

import io.javalin.http.Context;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.peerstats.gateway.http.RequestParams;
import org.peerstats.gateway.peer.ForwardedRequest;

/**
 * The parts of a Javalin request that a forward carries and signs, read the same way by the
 * instance that forwards it ({@link RequestForwarder}) and by the one that receives it
 * ({@link org.peerstats.gateway.http.AccessControl}), so that both sign the same thing.
 */
public final class ForwardedParts {

    /**
     * The request headers that are forwarded, all of them signed: each changes what the request
     * means or how it is answered. {@code Authorization} is not among them: a forward proves its
     * caller with the peer signature and the principal the forwarding instance verified.
     */
    public static final List<String> HEADERS = List.of("Content-Type", "Accept", MentorRouter.ALLOW_STALE_HEADER,
            RequestParams.IDEMPOTENCY_KEY_HEADER);

    private ForwardedParts() {
    }

    /**
     * @param forwardedBy the forwarding instance's {@link #address}
     * @param target      the receiving instance's {@link #address}
     * @param signedAt    epoch milliseconds, or null (a received request without the header)
     * @param principal   the {@link org.peerstats.gateway.peer.PrincipalHeader}, or null
     */
    public static ForwardedRequest of(Context ctx, String forwardedBy, String target, String signedAt,
                                      String principal) {
        List<ForwardedRequest.Header> headers = HEADERS.stream()
                .map(name -> new ForwardedRequest.Header(name, ctx.header(name))).toList();
        // bodyAsBytes() reads the body once and keeps it, so the handler reads it after this too
        return new ForwardedRequest(ctx.method().name(), ctx.path(), ctx.queryString(),
                ForwardedRequest.sha256Hex(ctx.bodyAsBytes()), headers, forwardedBy, target, signedAt, principal);
    }

    /** An instance's {@code host:port}, as in its {@code application.server}. */
    public static String address(HostInfo instance) {
        return instance.host() + ":" + instance.port();
    }
}

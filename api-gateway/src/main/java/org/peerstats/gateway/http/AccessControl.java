package org.peerstats.gateway.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.peerstats.gateway.auth.AuthenticationException;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.TokenVerifier;
import org.peerstats.gateway.auth.VerificationUnavailableException;
import org.peerstats.gateway.peer.ForwardedRequest;
import org.peerstats.gateway.peer.ForwardedRequestVerifier;
import org.peerstats.gateway.query.ForwardedParts;

/**
 * The one access check, run before every matched route: a route declared with roles needs a
 * caller whose role is one of them (else 401 / 403); a route with no roles is public. The
 * caller's {@link Principal} is then available to the controller through {@link #principal}.
 * Rules about which mentors and organisations a caller may see live in the services.
 *
 * <p>The caller is proven one of two ways. A request from a client carries a bearer token. A
 * request another instance forwarded — any request marked {@value ForwardedRequest#FORWARDED_BY_HEADER},
 * on any route, public ones too, since the mark alone stops it being forwarded on — carries no
 * token but a peer signature over the request and the principal that instance verified
 * ({@link ForwardedRequestVerifier}); without a valid one it is refused 401, whatever token it
 * also carries.
 */
public final class AccessControl {

    private static final String PRINCIPAL = "peerstats.principal";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final ForwardedRequestVerifier peers;
    private final String self;

    /** @param self this instance's {@code host:port}, as others forward to it ({@link ForwardedParts#address}) */
    public AccessControl(TokenVerifier verifier, ForwardedRequestVerifier peers, String self) {
        this.verifier = verifier;
        this.peers = peers;
        this.self = self;
    }

    public void check(Context ctx) {
        boolean forwarded = ctx.header(ForwardedRequest.FORWARDED_BY_HEADER) != null;
        Optional<Principal> forwardedCaller = forwarded ? fromPeer(ctx) : Optional.empty();
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
            return;
        }
        Principal principal = forwarded
                ? forwardedCaller.orElseThrow(() -> ApiException.unauthorized("a forwarded request to this endpoint "
                        + "must name its caller in " + ForwardedRequest.PRINCIPAL_HEADER))
                : authenticate(ctx.header("Authorization"));
        if (!allowed.contains(principal.role())) {
            throw ApiException.forbidden("role " + principal.role().claim() + " may not call this endpoint");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    public static Principal principal(Context ctx) {
        return verifiedCaller(ctx).orElseThrow(
                () -> new IllegalStateException("route has no roles, so no principal: " + ctx.path()));
    }

    /** The caller this check established; empty on a public route. What a forward of the request names. */
    public static Optional<Principal> verifiedCaller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    private Optional<Principal> fromPeer(Context ctx) {
        ForwardedRequest received = ForwardedParts.of(ctx, ctx.header(ForwardedRequest.FORWARDED_BY_HEADER), self,
                ctx.header(ForwardedRequest.SIGNED_AT_HEADER), ctx.header(ForwardedRequest.PRINCIPAL_HEADER));
        try {
            return peers.verify(received, ctx.header(ForwardedRequest.SIGNATURE_HEADER));
        } catch (AuthenticationException e) {
            throw ApiException.unauthorized(e.getMessage());
        }
    }

    private Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("missing bearer token (Authorization: Bearer <token>)");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("the Authorization header must use the Bearer scheme");
        }
        try {
            return verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (AuthenticationException e) {
            throw ApiException.unauthorized(e.getMessage());
        } catch (VerificationUnavailableException e) {
            throw new ServiceUnavailableException("cannot check tokens right now: " + e.getMessage(),
                    Duration.ofSeconds(5));
        }
    }
}

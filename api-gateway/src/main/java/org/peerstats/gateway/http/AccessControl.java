package org.peerstats.gateway.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.time.Duration;
import java.util.Set;
import org.peerstats.gateway.auth.AuthenticationException;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.TokenVerifier;
import org.peerstats.gateway.auth.VerificationUnavailableException;

/**
 * The one access check, run before every matched route: a route declared with roles needs a
 * valid bearer token whose role is one of them (else 401 / 403); a route with no roles is public.
 * The caller's {@link Principal} is then available to the controller through {@link #principal}.
 * Rules about which mentors and organisations a caller may see live in the services.
 */
public final class AccessControl {

    private static final String PRINCIPAL = "peerstats.principal";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;

    public AccessControl(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public void check(Context ctx) {
        Set<RouteRole> allowed = ctx.routeRoles();
        if (allowed.isEmpty()) {
            return;
        }
        Principal principal = authenticate(ctx.header("Authorization"));
        if (!allowed.contains(principal.role())) {
            throw ApiException.forbidden("role " + principal.role().claim() + " may not call this endpoint");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route has no roles, so no principal: " + ctx.path());
        }
        return principal;
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

package org.peerstats.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;

/** The one place that knows how a {@link Principal} is written to and read from JWT claims. */
final class PrincipalClaims {

    static final String ROLE = "role";
    static final String ORGANISATION_ID = "organisation_id";
    static final String PEER_MENTOR_ID = "peer_mentor_id";

    private PrincipalClaims() {
    }

    /** A claims builder holding {@code sub}, {@code role} and the ids that are present. */
    static JWTClaimsSet.Builder toClaims(Principal principal) {
        return new JWTClaimsSet.Builder()
                .subject(principal.subject())
                .claim(ROLE, principal.role().claim())
                .claim(ORGANISATION_ID, principal.organisationId())
                .claim(PEER_MENTOR_ID, principal.peerMentorId());
    }

    /**
     * The principal the claims describe: {@code sub} and a known {@code role} are required,
     * {@code organisation_id} and {@code peer_mentor_id} optional, except that a
     * {@code peer_mentor} must carry its {@code peer_mentor_id}. Present ids must be non-blank
     * strings: a blank {@code organisation_id} must never widen an admin to every organisation.
     */
    static Principal fromClaims(JWTClaimsSet claims) {
        String subject = optionalString(claims, "sub");
        if (subject == null) {
            throw new AuthenticationException("missing claim sub");
        }
        if (claims.getClaim(ROLE) == null) {
            throw new AuthenticationException("missing claim role");
        }
        Role role = Role.fromClaim(optionalString(claims, ROLE))
                .orElseThrow(() -> new AuthenticationException("unknown role"));
        String peerMentorId = optionalString(claims, PEER_MENTOR_ID);
        if (role == Role.PEER_MENTOR && peerMentorId == null) {
            throw new AuthenticationException("missing claim " + PEER_MENTOR_ID);
        }
        return new Principal(subject, role, optionalString(claims, ORGANISATION_ID), peerMentorId);
    }

    private static String optionalString(JWTClaimsSet claims, String name) {
        String value;
        try {
            value = claims.getStringClaim(name);
        } catch (ParseException notAString) {
            throw new AuthenticationException("invalid claim " + name);
        }
        if (value != null && value.isBlank()) {
            throw new AuthenticationException("invalid claim " + name);
        }
        return value;
    }
}

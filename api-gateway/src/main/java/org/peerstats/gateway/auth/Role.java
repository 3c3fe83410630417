package org.peerstats.gateway.auth;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/**
 * The roles a token can carry in its {@code role} claim. Public routes declare no role.
 *
 * <p>The claim values are part of the wire contract, so they are spelled out rather than derived
 * from the constant names.
 */
public enum Role implements RouteRole {
    ADMIN("admin"),
    COORDINATOR("coordinator"),
    PEER_MENTOR("peer_mentor"),
    SYSTEM("system");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The value of the {@code role} claim for this role. */
    public String claim() {
        return claim;
    }

    /** The role whose claim value is exactly {@code value}; empty for null or an unknown value. */
    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claim.equals(value)).findFirst();
    }
}

package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @Test
    void claimValuesAreTheOnesOfTheContract() {
        assertEquals("admin", Role.ADMIN.claim());
        assertEquals("coordinator", Role.COORDINATOR.claim());
        assertEquals("peer_mentor", Role.PEER_MENTOR.claim());
        assertEquals("system", Role.SYSTEM.claim());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleIsFoundByItsClaim(Role role) {
        assertEquals(Optional.of(role), Role.fromClaim(role.claim()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ADMIN", "Admin", "PEER_MENTOR", "peer-mentor", "superuser", " admin"})
    void unknownOrDifferentlySpelledClaimIsNoRole(String claim) {
        assertEquals(Optional.empty(), Role.fromClaim(claim));
    }
}

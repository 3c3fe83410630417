package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrincipalVisibilityTest {

    private static final Principal SYSTEM = new Principal("svc-push", Role.SYSTEM, null, null);
    private static final Principal SYSTEM_WITH_ORG = new Principal("svc-push", Role.SYSTEM, "org-a", null);
    private static final Principal GLOBAL_ADMIN = new Principal("admin-1", Role.ADMIN, null, null);
    private static final Principal ADMIN_OF_A = new Principal("admin-2", Role.ADMIN, "org-a", null);
    private static final Principal COORDINATOR_OF_A = new Principal("coord-1", Role.COORDINATOR, "org-a", null);
    private static final Principal COORDINATOR_WITHOUT_ORG = new Principal("coord-2", Role.COORDINATOR, null, null);
    private static final Principal MENTOR_1 = new Principal("user-1", Role.PEER_MENTOR, "org-a", "pm-1");

    /** principal, organisation asked for, expected answer of canSeeOrganisation. */
    static Stream<Arguments> organisationVisibility() {
        return Stream.of(
                Arguments.of(SYSTEM, "org-a", true),
                Arguments.of(SYSTEM, "org-b", true),
                Arguments.of(SYSTEM_WITH_ORG, "org-b", true),
                Arguments.of(GLOBAL_ADMIN, "org-a", true),
                Arguments.of(GLOBAL_ADMIN, "org-b", true),
                Arguments.of(ADMIN_OF_A, "org-a", true),
                Arguments.of(ADMIN_OF_A, "org-b", false),
                Arguments.of(ADMIN_OF_A, null, false),
                Arguments.of(COORDINATOR_OF_A, "org-a", true),
                Arguments.of(COORDINATOR_OF_A, "org-b", false),
                Arguments.of(COORDINATOR_OF_A, null, false),
                Arguments.of(COORDINATOR_WITHOUT_ORG, "org-a", false),
                Arguments.of(COORDINATOR_WITHOUT_ORG, null, false),
                Arguments.of(MENTOR_1, "org-a", false),
                Arguments.of(MENTOR_1, "org-b", false));
    }

    @ParameterizedTest(name = "{0} sees organisation {1}: {2}")
    @MethodSource("organisationVisibility")
    void organisationVisibilityFollowsTheRoleRules(Principal principal, String organisationId, boolean expected) {
        assertEquals(expected, principal.canSeeOrganisation(organisationId));
    }

    /** principal, mentor asked for, that mentor's organisation, expected answer of canSeeMentor. */
    static Stream<Arguments> mentorVisibility() {
        return Stream.of(
                Arguments.of(SYSTEM, "pm-9", "org-b", true),
                Arguments.of(SYSTEM, "pm-9", null, true),
                Arguments.of(GLOBAL_ADMIN, "pm-9", "org-b", true),
                Arguments.of(GLOBAL_ADMIN, "pm-9", null, true),
                Arguments.of(ADMIN_OF_A, "pm-2", "org-a", true),
                Arguments.of(ADMIN_OF_A, "pm-9", "org-b", false),
                Arguments.of(ADMIN_OF_A, "pm-9", null, false),
                Arguments.of(COORDINATOR_OF_A, "pm-2", "org-a", true),
                Arguments.of(COORDINATOR_OF_A, "pm-9", "org-b", false),
                Arguments.of(COORDINATOR_OF_A, "pm-9", null, false),
                Arguments.of(COORDINATOR_WITHOUT_ORG, "pm-2", "org-a", false),
                Arguments.of(MENTOR_1, "pm-1", "org-a", true),
                Arguments.of(MENTOR_1, "pm-1", null, true),
                Arguments.of(MENTOR_1, "pm-2", "org-a", false),
                Arguments.of(MENTOR_1, "pm-9", "org-b", false));
    }

    @ParameterizedTest(name = "{0} sees mentor {1} of {2}: {3}")
    @MethodSource("mentorVisibility")
    void mentorVisibilityFollowsTheRoleRules(
            Principal principal, String peerMentorId, String mentorOrganisationId, boolean expected) {
        assertEquals(expected, principal.canSeeMentor(peerMentorId, mentorOrganisationId));
    }

    @Test
    void adminWithoutOrganisationSeesEverything() {
        assertTrue(GLOBAL_ADMIN.seesAllOrganisations());
        assertTrue(GLOBAL_ADMIN.canSeeOrganisation("org-z"));
        assertTrue(GLOBAL_ADMIN.canSeeMentor("pm-z", "org-z"));
    }

    @Test
    void systemSeesEverythingEvenWithAnOrganisation() {
        assertTrue(SYSTEM.seesAllOrganisations());
        assertTrue(SYSTEM_WITH_ORG.seesAllOrganisations());
        assertTrue(SYSTEM_WITH_ORG.canSeeMentor("pm-z", "org-z"));
    }

    @Test
    void adminWithOrganisationSeesOnlyItsOwnOrganisation() {
        assertFalse(ADMIN_OF_A.seesAllOrganisations());
        assertTrue(ADMIN_OF_A.canSeeMentor("pm-2", "org-a"));
        assertFalse(ADMIN_OF_A.canSeeMentor("pm-9", "org-b"));
    }

    @Test
    void coordinatorSeesMentorsOfItsOwnOrganisation() {
        assertFalse(COORDINATOR_OF_A.seesAllOrganisations());
        assertTrue(COORDINATOR_OF_A.canSeeMentor("pm-2", "org-a"));
    }

    @Test
    void coordinatorOfAnotherOrganisationCannotSeeMentor() {
        assertFalse(COORDINATOR_OF_A.canSeeMentor("pm-9", "org-b"));
    }

    @Test
    void coordinatorWithoutOrganisationSeesNothing() {
        assertFalse(COORDINATOR_WITHOUT_ORG.seesAllOrganisations());
        assertFalse(COORDINATOR_WITHOUT_ORG.canSeeOrganisation("org-a"));
        assertFalse(COORDINATOR_WITHOUT_ORG.canSeeMentor("pm-2", "org-a"));
    }

    @Test
    void peerMentorSeesOnlyItself() {
        assertFalse(MENTOR_1.seesAllOrganisations());
        assertTrue(MENTOR_1.canSeeMentor("pm-1", "org-a"));
        assertFalse(MENTOR_1.canSeeMentor("pm-2", "org-a"));
        assertFalse(MENTOR_1.canSeeOrganisation("org-a"));
    }

    @Test
    void peerMentorPrincipalWithoutMentorIdCannotBeBuilt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Principal("user-1", Role.PEER_MENTOR, "org-a", null));
        assertEquals("a peer_mentor principal needs a peerMentorId", e.getMessage());
    }
}

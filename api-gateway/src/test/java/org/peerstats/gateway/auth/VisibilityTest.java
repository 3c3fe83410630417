package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstats.streams.badges.BadgeCriteria;
import org.peerstats.streams.badges.BadgeDefinition;

class VisibilityTest {

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
        assertEquals(expected, Visibility.canSeeOrganisation(principal, organisationId));
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
        assertEquals(expected, Visibility.canSeeMentor(principal, peerMentorId, mentorOrganisationId));
    }

    @Test
    void adminWithoutOrganisationSeesEverything() {
        assertTrue(Visibility.seesAllOrganisations(GLOBAL_ADMIN));
        assertTrue(Visibility.canSeeOrganisation(GLOBAL_ADMIN, "org-z"));
        assertTrue(Visibility.canSeeMentor(GLOBAL_ADMIN, "pm-z", "org-z"));
    }

    @Test
    void systemSeesEverythingEvenWithAnOrganisation() {
        assertTrue(Visibility.seesAllOrganisations(SYSTEM));
        assertTrue(Visibility.seesAllOrganisations(SYSTEM_WITH_ORG));
        assertTrue(Visibility.canSeeMentor(SYSTEM_WITH_ORG, "pm-z", "org-z"));
    }

    @Test
    void adminWithOrganisationSeesOnlyItsOwnOrganisation() {
        assertFalse(Visibility.seesAllOrganisations(ADMIN_OF_A));
        assertTrue(Visibility.canSeeMentor(ADMIN_OF_A, "pm-2", "org-a"));
        assertFalse(Visibility.canSeeMentor(ADMIN_OF_A, "pm-9", "org-b"));
    }

    @Test
    void coordinatorSeesMentorsOfItsOwnOrganisation() {
        assertFalse(Visibility.seesAllOrganisations(COORDINATOR_OF_A));
        assertTrue(Visibility.canSeeMentor(COORDINATOR_OF_A, "pm-2", "org-a"));
    }

    @Test
    void coordinatorOfAnotherOrganisationCannotSeeMentor() {
        assertFalse(Visibility.canSeeMentor(COORDINATOR_OF_A, "pm-9", "org-b"));
    }

    @Test
    void coordinatorWithoutOrganisationSeesNothing() {
        assertFalse(Visibility.seesAllOrganisations(COORDINATOR_WITHOUT_ORG));
        assertFalse(Visibility.canSeeOrganisation(COORDINATOR_WITHOUT_ORG, "org-a"));
        assertFalse(Visibility.canSeeMentor(COORDINATOR_WITHOUT_ORG, "pm-2", "org-a"));
    }

    @Test
    void peerMentorSeesOnlyItself() {
        assertFalse(Visibility.seesAllOrganisations(MENTOR_1));
        assertTrue(Visibility.canSeeMentor(MENTOR_1, "pm-1", "org-a"));
        assertFalse(Visibility.canSeeMentor(MENTOR_1, "pm-2", "org-a"));
        assertFalse(Visibility.canSeeOrganisation(MENTOR_1, "org-a"));
    }

    @Test
    void peerMentorPrincipalWithoutMentorIdCannotBeBuilt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Principal("user-1", Role.PEER_MENTOR, "org-a", null));
        assertEquals("a peer_mentor principal needs a peerMentorId", e.getMessage());
    }

    @Test
    void aHiddenMentorAndAnUnknownOneGiveTheSameEmptyAnswer() {
        Map<String, String> organisationOf = Map.of("pm-1", "org-a", "pm-9", "org-b");
        Function<String, Optional<String>> lookup = id -> Optional.ofNullable(organisationOf.get(id));
        List<String> looked = new ArrayList<>();
        Function<String, Optional<String>> counted = id -> {
            looked.add(id);
            return lookup.apply(id);
        };

        assertEquals(Optional.of("org-a"), Visibility.mentor(COORDINATOR_OF_A, "pm-1", lookup, org -> org));
        assertEquals(Optional.empty(), Visibility.mentor(COORDINATOR_OF_A, "pm-9", lookup, org -> org));
        assertEquals(Optional.empty(), Visibility.mentor(COORDINATOR_OF_A, "pm-nobody", lookup, org -> org));
        assertEquals(Optional.of("org-b"), Visibility.mentor(SYSTEM, "pm-9", lookup, org -> org));
        assertEquals(Optional.empty(), Visibility.mentor(MENTOR_1, "pm-9", counted, org -> org));
        assertEquals(List.of(), looked, "a peer mentor asking for someone else causes no lookup");
        assertEquals(Optional.of("org-a"), Visibility.mentor(MENTOR_1, "pm-1", counted, org -> org));
    }

    @Test
    void aDefinitionIsSeenWithAMentorItAppliesTo() {
        BadgeDefinition everyone = definition("bdg-all", null);
        BadgeDefinition osloOnly = definition("bdg-oslo", "org-a");

        assertEquals(Optional.of(everyone), Visibility.definitionFor(Optional.of(everyone), "org-b"));
        assertEquals(Optional.of(osloOnly), Visibility.definitionFor(Optional.of(osloOnly), "org-a"));
        assertEquals(Optional.empty(), Visibility.definitionFor(Optional.of(osloOnly), "org-b"));
        assertEquals(Optional.empty(), Visibility.definitionFor(Optional.empty(), "org-a"));
    }

    private static BadgeDefinition definition(String id, String organisationId) {
        return new BadgeDefinition(id, organisationId, "name", null, null,
                new BadgeCriteria("activity_count", java.math.BigDecimal.ONE), true);
    }
}

package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.completion;
import static org.peerstats.streams.TestEvents.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.badges.BadgeCriteria;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.badges.EarnedBadgeLists;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailLists;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.lists.IndexedStore;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * One organisation per mentor: its profile's, or before any profile its first event's. An event
 * naming another one never moves the mentor; a profile does, with its stats, zone, badge
 * definitions and the visibility of its earned badges.
 */
class OrganisationTopologyTest extends TopologyTestSupport {

    private static final String OSLO = "org-oslo";
    private static final String NEW_YORK = "org-new-york";
    private static final OrganisationZones TWO_ZONES = OrganisationZones.parse(ZoneId.of("Europe/Oslo"),
            NEW_YORK + "=America/New_York");
    private static final Instant T0 = Instant.parse("2026-03-26T12:00:00Z");

    @Override
    OrganisationZones zones() {
        return TWO_ZONES;
    }

    private static MentorProfile profile(String organisation) {
        return new MentorProfile(KARI, organisation, "Kari Nordmann", "kari@example.org", "active", false);
    }

    private String organisation() {
        return fixture.state(KARI).orElseThrow().organisationId;
    }

    @Test
    void aLateEventNamingAnotherOrganisationIsCountedButDoesNotMoveTheMentor() {
        fixture.send(session(KARI, OSLO, "a1", null, "2026-03-20T10:00:00Z", 30), T0);
        // 03:00 UTC on 21 March: the 21st in Oslo, the 20th in New York.
        fixture.send(session(KARI, NEW_YORK, "a2", null, "2026-03-21T03:00:00Z", 30), T0.plusSeconds(1));
        fixture.send(completion(KARI, NEW_YORK, "module-1", "2026-03-21T09:00:00Z"), T0.plusSeconds(2));

        assertEquals(OSLO, organisation());
        assertEquals(OSLO, fixture.latestPublished().get(KARI).organisationId());
        assertEquals(2, fixture.statsAsOf(KARI, T0, TWO_ZONES).activityCount());
        assertEquals(1, fixture.statsAsOf(KARI, T0, TWO_ZONES).trainingCompletionCount());
        assertEquals(List.of(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-03-21")),
                List.copyOf(fixture.days(KARI).keySet()), "counted on the mentor's organisation's day");
        assertEquals(List.of(InputAnomaly.ORGANISATION_MISMATCH, InputAnomaly.ORGANISATION_MISMATCH),
                fixture.anomalies);
        assertEquals(List.of(), fixture.deadLetterReasons, "not dead-lettered: the activity is the mentor's");
    }

    @Test
    void aProfileMovesTheMentorAndNewActivitiesCountInTheNewZone() {
        fixture.send(session(KARI, OSLO, "a1", null, "2026-03-21T03:00:00Z", 30), T0);
        fixture.published();

        fixture.profiles.pipeInput(KARI, profile(NEW_YORK), T0.plusSeconds(10));
        assertEquals(NEW_YORK, organisation());
        assertEquals(List.of(NEW_YORK), fixture.published().stream().map(r -> r.value.organisationId()).toList(),
                "the move is published at once");
        assertEquals(T0.plusSeconds(10), fixture.state(KARI).orElseThrow().computedAt);

        fixture.send(session(KARI, NEW_YORK, "a2", null, "2026-03-22T03:00:00Z", 30), T0.plusSeconds(20));
        // a1 (03:00 UTC on the 21st) kept its Oslo day; a2 (03:00 UTC on the 22nd) is 23:00 on the 21st in New York.
        assertEquals(List.of(LocalDate.parse("2026-03-21")), List.copyOf(fixture.days(KARI).keySet()),
                "a1 keeps the day it was counted on; a2 counts in New York's calendar");
        assertEquals(2, fixture.statsAsOf(KARI, T0, TWO_ZONES).activityCount());
        assertEquals(List.of(), fixture.anomalies);
    }

    @Test
    void aMentorWithAProfileTakesItsOrganisationWithTheFirstEvent() {
        fixture.profiles.pipeInput(KARI, profile(NEW_YORK), T0);
        assertTrue(fixture.published().isEmpty(), "a profile alone makes no stats");

        fixture.send(session(KARI, OSLO, "a1", null, "2026-03-21T03:00:00Z", 30), T0.plusSeconds(1));

        assertEquals(NEW_YORK, organisation());
        assertEquals(List.of(LocalDate.parse("2026-03-20")), List.copyOf(fixture.days(KARI).keySet()));
        assertEquals(List.of(InputAnomaly.ORGANISATION_MISMATCH), fixture.anomalies);
    }

    @Test
    void aDeletedProfileLeavesTheOrganisationAndTheSameOneMovesNothing() {
        fixture.send(session(KARI, OSLO, "a1", null, "2026-03-20T10:00:00Z", 30), T0);
        fixture.published();
        fixture.profiles.pipeInput(KARI, profile(OSLO), T0.plusSeconds(1));
        assertEquals(List.of(), fixture.published(), "a profile in the mentor's organisation changes no stats");
        fixture.profiles.pipeInput(KARI, null, T0.plusSeconds(2));
        assertEquals(List.of(), fixture.published(), "nor does deleting the profile");
        fixture.send(session(KARI, NEW_YORK, "a2", null, "2026-03-21T10:00:00Z", 30), T0.plusSeconds(3));

        assertEquals(OSLO, organisation());
        assertEquals(List.of(InputAnomaly.ORGANISATION_MISMATCH), fixture.anomalies);
    }

    @Test
    void earnedBadgesAndBadgeDefinitionsFollowTheMove() {
        BadgeDefinition osloOnly = definition("bdg-oslo", OSLO, 1);
        BadgeDefinition newYorkOnly = definition("bdg-ny", NEW_YORK, 1);
        BadgeDefinition everyone = definition("bdg-all", null, 1);
        fixture.define(osloOnly, T0);
        fixture.define(newYorkOnly, T0);
        fixture.define(everyone, T0);
        fixture.send(session(KARI, OSLO, "a1", null, "2026-03-20T10:00:00Z", 30), T0.plusSeconds(1));
        assertEquals(Map.of("bdg-oslo", OSLO, "bdg-all", OSLO), heldBy(KARI));
        fixture.badgeNotifications.readRecordsToList();
        fixture.earnedBadges.readRecordsToList();

        fixture.profiles.pipeInput(KARI, profile(NEW_YORK), T0.plusSeconds(10));

        assertEquals(Map.of("bdg-oslo", NEW_YORK, "bdg-all", NEW_YORK, "bdg-ny", NEW_YORK), heldBy(KARI),
                "earned badges move (visible to the new organisation) and its definitions apply");
        List<EarnedBadge> republished = fixture.earnedBadges.readValuesToList();
        assertEquals(3, republished.size());
        assertTrue(republished.stream().allMatch(badge -> NEW_YORK.equals(badge.organisationId())));
        assertEquals(List.of("bdg-ny"), fixture.badgeNotifications.readValuesToList().stream()
                .map(notification -> notification.badgeDefinitionId()).toList(),
                "only the new award is notified; moving a badge is not news");
        assertEquals(T0.plusSeconds(1), fixture.earnedBadgesById().values().stream()
                .filter(badge -> badge.badgeDefinitionId().equals("bdg-oslo")).findFirst().orElseThrow().awardedAt(),
                "a moved badge keeps its award");
    }

    @Test
    void theListsOfEveryInstanceFollowTheMoveOfTheMentorAndItsBadges() {
        fixture.define(definition("bdg-all", null, 1), T0);
        fixture.profiles.pipeInput(KARI, profile(OSLO), T0);
        fixture.send(session(KARI, OSLO, "a1", null, "2026-03-20T10:00:00Z", 30), T0.plusSeconds(1));
        assertEquals(List.of(KARI), badgeListOwners(Optional.of(OSLO)));
        assertEquals(List.of(KARI), dashboard(Optional.of(OSLO)));

        fixture.profiles.pipeInput(KARI, profile(NEW_YORK), T0.plusSeconds(10));

        assertEquals(List.of(), badgeListOwners(Optional.of(OSLO)), "the old organisation lists nothing");
        assertEquals(List.of(KARI), badgeListOwners(Optional.of(NEW_YORK)));
        assertEquals(List.of(KARI), badgeListOwners(Optional.empty()), "moved, not listed twice");
        assertEquals(List.of(), dashboard(Optional.of(OSLO)));
        assertEquals(List.of(KARI), dashboard(Optional.of(NEW_YORK)));
        assertEquals(0, IndexedStore.total(fixture.globalStore(StoreNames.EARNED_BADGES_GLOBAL),
                EarnedBadgeLists.scope(Optional.of(OSLO), Optional.empty(), true)));
    }

    private List<String> badgeListOwners(Optional<String> organisation) {
        return IndexedStore.list(fixture.globalStore(StoreNames.EARNED_BADGES_GLOBAL),
                        fixture.topics.earnedBadges().valueSerde().deserializer(),
                        EarnedBadgeLists.scope(organisation, Optional.empty(), false), 0, 100)
                .items().stream().map(EarnedBadge::peerMentorId).toList();
    }

    private List<String> dashboard(Optional<String> organisation) {
        return IndexedStore.list(fixture.globalStore(StoreNames.MENTOR_DETAILS_GLOBAL),
                        fixture.topics.mentorDetails().valueSerde().deserializer(),
                        MentorDetailLists.scope(organisation, Optional.of("active")), 0, 100)
                .items().stream().map(MentorDetailDocument::mentorId).toList();
    }

    private Map<String, String> heldBy(String mentor) {
        return fixture.earnedBadgesById().values().stream()
                .filter(badge -> badge.peerMentorId().equals(mentor) && badge.held())
                .collect(java.util.stream.Collectors.toMap(EarnedBadge::badgeDefinitionId, EarnedBadge::organisationId));
    }

    private static BadgeDefinition definition(String id, String organisation, long minActivities) {
        return new BadgeDefinition(id, organisation, id, id + " badge", id + ".svg",
                new BadgeCriteria("activity_count", BigDecimal.valueOf(minActivities)), false);
    }
}

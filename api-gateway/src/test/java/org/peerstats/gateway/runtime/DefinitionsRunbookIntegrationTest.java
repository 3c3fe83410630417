package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.badges.BadgeCriteria;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * docs/operations.md, "Badge definitions", on the embedded broker: a definition changed by
 * producing its new version revokes the revocable badges below the new minimum (one
 * {@code badge_revoked} each) and renames the held ones without a notification; a definition
 * retired with a tombstone awards nothing more, and the badges held under it stay.
 */
class DefinitionsRunbookIntegrationTest {

    private static final String ORG = "org-definitions";
    private static final String FIVE_MENTEES = "bdg-def-006";
    private static final String FIRST_SESSION = "bdg-def-001";

    @TempDir
    Path dir;

    @Test
    void aChangeRevokesBelowTheNewMinimumAndATombstoneStopsNewAwardsOnly() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (ServiceHarness service = ServiceHarness.onOwnBroker(dir, "peerstats-definitions", clock)) {
            String admin = service.token(Role.ADMIN, null, null);
            sessions(service, "pm-def-six", 6, now);
            sessions(service, "pm-def-eight", 8, now);
            awaitHeld(service, admin, "pm-def-six", FIVE_MENTEES, true);
            awaitHeld(service, admin, "pm-def-eight", FIVE_MENTEES, true);
            service.awaitCaughtUp();
            java.util.Set<String> before = new java.util.HashSet<>();
            notifications(service).forEach(n -> before.add(n.get("event_id").asText()));

            service.send(service.topics.badgeDefinitions(), FIVE_MENTEES, new BadgeDefinition(FIVE_MENTEES, null,
                    "Seven Mentees", "Supported seven different mentees", "https://assets.example.com/badges/7.svg",
                    new BadgeCriteria("unique_mentees_count", BigDecimal.valueOf(7)), true), now.plusSeconds(1));
            awaitHeld(service, admin, "pm-def-six", FIVE_MENTEES, false);
            JsonNode kept = service.awaitGet("/api/v1/earned-badges?peer_mentor_id=pm-def-eight", admin,
                    r -> r.body().contains("Seven Mentees")).json();
            assertTrue(kept.toString().contains("\"badge_name\":\"Seven Mentees\""), kept.toString());
            service.awaitCaughtUp();
            List<JsonNode> afterChange = notifications(service).stream()
                    .filter(n -> !before.contains(n.get("event_id").asText())).toList();
            assertEquals(1, afterChange.size(), "one notification for the change: " + afterChange);
            assertEquals("badge_revoked", afterChange.get(0).get("type").asText());
            assertEquals("pm-def-six", afterChange.get(0).get("peer_mentor_id").asText());

            service.send(service.topics.badgeDefinitions(), FIRST_SESSION, null, now.plusSeconds(2));
            // in effect once the mentors' tasks have taken it: the instance reads it into its global
            // store (the REST layer answers 404 for the id then), each task takes changes from there
            // every second. A rename produced after that shows when a task has: it takes every change
            // the global store holds at once, the tombstone included
            service.awaitGet(checkPath("pm-def-six", FIRST_SESSION), admin, r -> r.status() == 404);
            service.send(service.topics.badgeDefinitions(), FIVE_MENTEES, new BadgeDefinition(FIVE_MENTEES, null,
                    "Seven Mentees (renamed)", "Supported seven different mentees",
                    "https://assets.example.com/badges/7.svg",
                    new BadgeCriteria("unique_mentees_count", BigDecimal.valueOf(7)), true), now.plusSeconds(2));
            service.awaitGet("/api/v1/earned-badges?peer_mentor_id=pm-def-eight", admin,
                    r -> r.body().contains("Seven Mentees (renamed)"));
            sessions(service, "pm-def-newcomer", 1, now.plusSeconds(3));
            service.awaitGet("/api/v1/peer-mentor-stats/pm-def-newcomer", admin, r -> r.hasField("activity_count", 1));
            service.awaitCaughtUp();
            assertFalse(held(service, admin, "pm-def-newcomer", FIRST_SESSION), "awarded under a retired definition");
            assertTrue(held(service, admin, "pm-def-six", FIRST_SESSION), "a badge held under it stays");
            assertTrue(held(service, admin, "pm-def-eight", FIRST_SESSION), "a badge held under it stays");
        }
    }

    /** {@code count} one-hour sessions with as many mentees, on consecutive days up to {@code until}. */
    private static void sessions(ServiceHarness service, String mentor, int count, Instant until) {
        for (int n = 0; n < count; n++) {
            service.send(new ActivityEvent(EventOp.UPSERT, mentor + "-" + n, mentor, ORG, ActivityType.SESSION,
                    "me-" + n, until.minus(Duration.ofDays(n)), 60), until);
        }
    }

    private static void awaitHeld(ServiceHarness service, String token, String mentor, String definition,
                                  boolean held) {
        ServiceHarness.Response check = service.awaitGet(checkPath(mentor, definition), token,
                r -> r.status() == 200 && r.json().get("has_earned").asBoolean() == held);
        assertEquals(held, check.json().get("has_earned").asBoolean(), check.body());
    }

    /**
     * From the mentor's list: once a definition is retired, {@code /check} answers 404 for it (no
     * such definition), while the badges held under it are still listed.
     */
    private static boolean held(ServiceHarness service, String token, String mentor, String definition) {
        ServiceHarness.Response list = service.get("/api/v1/earned-badges?peer_mentor_id=" + mentor, token);
        assertEquals(200, list.status(), list.body());
        for (JsonNode badge : list.json().get("data")) {
            if (badge.get("badge_definition_id").asText().equals(definition) && badge.get("revoked_at").isNull()) {
                return true;
            }
        }
        return false;
    }

    private static String checkPath(String mentor, String definition) {
        return "/api/v1/earned-badges/check?peer_mentor_id=" + mentor + "&badge_definition_id=" + definition;
    }

    private static List<JsonNode> notifications(ServiceHarness service) {
        List<JsonNode> notifications = new ArrayList<>();
        for (var record : ServiceHarness.readCommitted(service.bootstrapServers(),
                service.topics.badgeNotifications().name())) {
            try {
                notifications.add(org.peerstats.streams.serde.Json.mapper().readTree(record.value()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return notifications;
    }
}

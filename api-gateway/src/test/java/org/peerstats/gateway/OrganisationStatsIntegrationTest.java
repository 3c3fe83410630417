package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * {@code GET /api/v1/organisation-stats/:organisation_id} on a real embedded broker, checked
 * against a reference that sums what the REST API says about each mentor: their activity counts
 * per period, streaks, and the badges listed for the organisation. "Now" is Thursday
 * 2026-03-26 13:00 in Oslo: the current week is Mon 23 .. Sun 29 March.
 */
class OrganisationStatsIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-26T12:00:00Z");
    private static final ZoneId OSLO_ZONE = ZoneId.of("Europe/Oslo");
    private static final String OSLO = "org-nhf-oslo";
    private static final String BERGEN = "org-lhl-bergen";
    private static final List<String> OSLO_MENTORS = List.of("pm-org-kari", "pm-org-ola", "pm-org-old");
    private static final String TOTALS = "/api/v1/organisation-stats/" + OSLO;

    @TempDir
    static Path dataDir;
    private static ServiceHarness harness;
    private static String system;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.onOwnBroker(dataDir, "peerstats-org-it", Clock.fixed(NOW, ZoneOffset.UTC));
        system = harness.token(Role.SYSTEM, null, null);
        Instant logged = NOW.minusSeconds(600);
        // kari: last week, and Tuesday to Thursday of this week (a current streak)
        send("pm-org-kari", OSLO, "k1", ActivityType.SESSION, "2026-03-19T10:00:00Z", 60, logged);
        send("pm-org-kari", OSLO, "k2", ActivityType.GROUP, "2026-03-24T10:00:00Z", 90, logged);
        send("pm-org-kari", OSLO, "k3", ActivityType.SESSION, "2026-03-25T10:00:00Z", 30, logged);
        send("pm-org-kari", OSLO, "k4", ActivityType.PHONE_CALL, "2026-03-26T08:00:00Z", 15, logged);
        // ola: a session that is corrected into a phone call, and one that is deleted
        send("pm-org-ola", OSLO, "o1", ActivityType.SESSION, "2026-03-23T18:00:00Z", 45, logged);
        send("pm-org-ola", OSLO, "o2", ActivityType.SESSION, "2026-03-02T18:00:00Z", 20, logged);
        send("pm-org-ola", OSLO, "o1", ActivityType.PHONE_CALL, "2026-03-23T18:00:00Z", 50, logged.plusSeconds(1));
        harness.send(new ActivityEvent(EventOp.DELETE, "o2", "pm-org-ola", null, null, null, null, null),
                logged.plusSeconds(2));
        // old: active only last year (Oslo's 31 December, 23:30 local, is still 2025)
        send("pm-org-old", OSLO, "x1", ActivityType.SESSION, "2025-12-31T22:30:00Z", 120, logged);
        // another organisation's mentor never counts in Oslo's totals
        send("pm-org-bergen", BERGEN, "b1", ActivityType.SESSION, "2026-03-25T09:00:00Z", 500, logged);
        // a manual award, revoked again, must net out: awarded and revoked in the same week
        harness.awaitGet("/api/v1/peer-mentor-stats/pm-org-old", system, r -> r.hasField("activity_count", 1));
        ServiceHarness.Response award = harness.post("/api/v1/earned-badges", system,
                "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"pm-org-old\"}");
        assertEquals(201, award.status(), award.body());
        ServiceHarness.Response revoke = harness.delete("/api/v1/earned-badges/" + award.json().get("id").asText(),
                system, "{\"revoke_reason\":\"given by mistake\"}");
        assertEquals(200, revoke.status(), revoke.body());
        harness.awaitGet("/api/v1/peer-mentor-stats/pm-org-ola", system, r -> r.hasField("activity_count", 1));
        harness.awaitGet("/api/v1/peer-mentor-stats/pm-org-bergen", system, r -> r.hasField("activity_count", 1));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static void send(String mentor, String organisation, String id, ActivityType type, String occurredAt,
                             int minutes, Instant logged) {
        harness.send(new ActivityEvent(EventOp.UPSERT, id, mentor, organisation, type, "mentee-1",
                Instant.parse(occurredAt), minutes), logged);
    }

    @Test
    void everyPeriodEqualsTheSumOfTheMentorsOwnNumbers() {
        JsonNode totals = awaitTotals(TOTALS, t -> t.at("/periods/all_time/activities").asLong() == 6
                && t.at("/periods/week/badges_awarded").asLong() == expectedBadges("2026-03-23", "2026-03-29")).json();
        assertEquals(OSLO, totals.get("organisation_id").asText());
        assertEquals("Europe/Oslo", totals.get("time_zone").asText());
        assertEquals(NOW.toString(), totals.get("as_of").asText());
        assertEquals(List.of("week", "month", "year", "all_time"), fieldNames(totals.get("periods")));

        assertPeriod(totals.at("/periods/week"), "week", "2026-03-26", "2026-03-23", "2026-03-29");
        assertPeriod(totals.at("/periods/month"), "month", "2026-03-26", "2026-03-01", "2026-03-31");
        assertPeriod(totals.at("/periods/year"), "year", "2026-03-26", "2026-01-01", "2026-12-31");

        JsonNode allTime = totals.at("/periods/all_time");
        assertEquals(sum(m -> stats(m).get("activity_count").asLong()), allTime.get("activities").asLong());
        assertEquals(sum(m -> stats(m).get("session_count").asLong()), allTime.get("sessions").asLong());
        assertEquals(sum(m -> stats(m).get("activity_count").asLong() > 0 ? 1 : 0), allTime.get("active_mentors").asLong());
        assertEquals(OSLO_MENTORS.stream().mapToDouble(m -> stats(m).get("total_hours_mentored").asDouble()).sum(),
                allTime.get("total_hours").asDouble(), 1e-9);
        assertEquals(expectedBadges(null, null), allTime.get("badges_awarded").asLong());
        long streaks = sum(m -> stats(m).get("current_streak_days").asLong() > 0 ? 1 : 0);
        assertEquals(streaks, allTime.get("mentors_with_current_streak").asLong());
        assertEquals(streaks, totals.at("/periods/week/mentors_with_current_streak").asLong());
        assertFalse(allTime.has("start"), "all time has no first day: " + allTime);

        // the figures the reference gives, written out, so that a reference gone wrong is caught too
        assertEquals(6, allTime.get("activities").asLong(), "k1..k4, o1 corrected, x1; o2 deleted: " + allTime);
        assertEquals(3, allTime.get("sessions").asLong());
        assertEquals(365, allTime.get("total_minutes").asLong());
        assertEquals(4, totals.at("/periods/week/activities").asLong(), "k2, k3, k4 and o1");
        assertEquals(2, totals.at("/periods/week/active_mentors").asLong());
        assertEquals(1, totals.at("/periods/week/sessions").asLong());
        assertEquals(1, streaks, "kari has a current streak; ola's one day was Monday");
    }

    @Test
    void aPastPeriodIsAskedForWithPeriodAndDate() {
        awaitTotals(TOTALS, t -> t.at("/periods/all_time/activities").asLong() == 6);
        JsonNode lastWeek = harness.get(TOTALS + "?period=week&date=2026-03-19", system).json();
        assertEquals(List.of("week"), fieldNames(lastWeek.get("periods")));
        assertPeriod(lastWeek.at("/periods/week"), "week", "2026-03-19", "2026-03-16", "2026-03-22");
        assertEquals(1, lastWeek.at("/periods/week/activities").asLong());
        assertFalse(lastWeek.at("/periods/week").has("mentors_with_current_streak"),
                "a past period's streaks are not kept: " + lastWeek);

        JsonNode lastYear = harness.get(TOTALS + "?period=year&date=2025-06-01", system).json();
        assertPeriod(lastYear.at("/periods/year"), "year", "2025-06-01", "2025-01-01", "2025-12-31");
        assertEquals(1, lastYear.at("/periods/year/activities").asLong(), "x1 is 2025 in Oslo: " + lastYear);
        assertEquals(120, lastYear.at("/periods/year/total_minutes").asLong());

        JsonNode thisWeek = harness.get(TOTALS + "?period=week", system).json();
        assertEquals(1, thisWeek.at("/periods/week/mentors_with_current_streak").asLong(), thisWeek.toString());
    }

    @Test
    void coordinatorsSeeOnlyTheirOwnOrganisationAndBadParametersAre400() {
        assertEquals(200, harness.get(TOTALS, harness.token(Role.COORDINATOR, OSLO, null)).status());
        assertEquals(200, harness.get(TOTALS, harness.token(Role.ADMIN, OSLO, null)).status());
        assertEquals(200, harness.get(TOTALS, harness.token(Role.ADMIN, null, null)).status());
        ServiceHarness.Response otherCoordinator = harness.get(TOTALS, harness.token(Role.COORDINATOR, BERGEN, null));
        assertEquals(403, otherCoordinator.status(), otherCoordinator.body());
        assertEquals("forbidden", otherCoordinator.json().at("/error/code").asText());
        assertEquals(403, harness.get(TOTALS, harness.token(Role.ADMIN, BERGEN, null)).status());
        assertEquals(403, harness.get(TOTALS, harness.token(Role.PEER_MENTOR, OSLO, "pm-org-kari")).status());
        assertEquals(401, harness.get(TOTALS, null).status());

        assertBadRequest(TOTALS + "?period=day", "period");
        assertBadRequest(TOTALS + "?date=2026-03-01", "date needs a period (week|month|year)");
        assertBadRequest(TOTALS + "?period=week&date=2026-02-30", "date");
        assertBadRequest("/api/v1/organisation-stats/" + "o".repeat(300), "organisation_id");

        JsonNode bergen = awaitTotals("/api/v1/organisation-stats/" + BERGEN,
                t -> t.at("/periods/all_time/activities").asLong() == 1).json();
        assertEquals(500, bergen.at("/periods/all_time/total_minutes").asLong(), bergen.toString());
        JsonNode nobody = harness.get("/api/v1/organisation-stats/org-without-mentors", system).json();
        assertEquals(0, nobody.at("/periods/all_time/activities").asLong(), "an unknown organisation has zeros");
    }

    private static void assertBadRequest(String path, String messagePart) {
        ServiceHarness.Response response = harness.get(path, system);
        assertEquals(400, response.status(), path + ": " + response.body());
        String message = response.json().at("/error/message").asText();
        assertTrue(message.contains(messagePart), path + ": " + message);
    }

    /** One period's totals against the sum of the mentors' own activity counts for it. */
    private static void assertPeriod(JsonNode totals, String period, String date, String start, String end) {
        assertEquals(start, totals.get("start").asText(), period + ": " + totals);
        assertEquals(end, totals.get("end").asText(), period + ": " + totals);
        List<JsonNode> counts = OSLO_MENTORS.stream()
                .map(m -> harness.get("/api/v1/peer-mentor-stats/" + m + "/activity-count?period=" + period
                        + "&date=" + date, system).json())
                .toList();
        assertEquals(counts.stream().mapToLong(c -> c.get("activity_count").asLong()).sum(),
                totals.get("activities").asLong(), period + ": " + totals + " vs " + counts);
        assertEquals(counts.stream().mapToLong(c -> c.get("session_count").asLong()).sum(),
                totals.get("sessions").asLong(), period);
        assertEquals(counts.stream().mapToLong(c -> c.get("total_minutes").asLong()).sum(),
                totals.get("total_minutes").asLong(), period);
        assertEquals(counts.stream().filter(c -> c.get("activity_count").asLong() > 0).count(),
                totals.get("active_mentors").asLong(), period);
        assertEquals(expectedBadges(start, end), totals.get("badges_awarded").asLong(), period);
    }

    /** Badges held by the organisation's mentors, awarded between two Oslo days (inclusive), or ever. */
    private static long expectedBadges(String firstDay, String lastDay) {
        ServiceHarness.Response response = harness.get("/api/v1/earned-badges?organisation_id=" + OSLO + "&limit=100",
                harness.token(Role.ADMIN, null, null));
        assertEquals(200, response.status(), response.body());
        JsonNode list = response.json();
        long count = 0;
        for (JsonNode badge : list.get("data")) {
            LocalDate day = Instant.parse(badge.get("awarded_at").asText()).atZone(OSLO_ZONE).toLocalDate();
            if (firstDay == null || (!day.isBefore(LocalDate.parse(firstDay)) && !day.isAfter(LocalDate.parse(lastDay)))) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode stats(String mentor) {
        ServiceHarness.Response response = harness.get("/api/v1/peer-mentor-stats/" + mentor, system);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static long sum(ToLongFunction<String> perMentor) {
        return OSLO_MENTORS.stream().mapToLong(perMentor).sum();
    }

    private static ServiceHarness.Response awaitTotals(String path, Predicate<JsonNode> done) {
        ServiceHarness.Response response = harness.awaitGet(path, system, r -> r.status() == 200 && done.test(r.json()));
        assertEquals(200, response.status(), response.body());
        assertTrue(done.test(response.json()), "the totals never reached the expected state: " + response.body());
        return response;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package org.peerstats.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * {@code GET /api/v1/live/organisations/:organisation_id} on a real broker and over real HTTP:
 * what the topology commits for an organisation reaches its coordinators' streams, and nothing of
 * another organisation does.
 */
class LiveFeedIntegrationTest {

    private static final String OSLO = "org-nhf-oslo";
    private static final String BERGEN = "org-lhl-bergen";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;
    private static ServiceHarness harness;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.onOwnBroker(dataDir, "peerstats-live-it", Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String live(String organisation) {
        return "/api/v1/live/organisations/" + organisation;
    }

    private static SseStream open(String organisation, String token) {
        return SseStream.open(harness.service.httpPort(), live(organisation), token);
    }

    @Test
    void aCoordinatorSeesItsOrganisationsStatsBadgesAndTotalsAndNothingOfAnother() throws Exception {
        try (SseStream oslo = open(OSLO, harness.token(Role.COORDINATOR, OSLO, null));
             SseStream bergen = open(BERGEN, harness.token(Role.COORDINATOR, BERGEN, null))) {
            assertTrue(oslo.contentType().startsWith("text/event-stream"), oslo.contentType());
            SseStream.Event ready = oslo.await(e -> e.name().equals("ready"), PATIENCE);
            assertEquals(OSLO, ready.data().get("organisation_id").asText());
            assertEquals("Europe/Oslo", ready.data().get("time_zone").asText());
            bergen.await(e -> e.name().equals("ready"), PATIENCE);

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            harness.send(new ActivityEvent(EventOp.UPSERT, "live-b1", "pm-live-bergen", BERGEN, ActivityType.SESSION,
                    "mentee-b", now.minusSeconds(60), 40), now);
            harness.send(new ActivityEvent(EventOp.UPSERT, "live-o1", "pm-live-oslo", OSLO, ActivityType.SESSION,
                    "mentee-o", now.minusSeconds(60), 30), now);

            SseStream.Event stats = oslo.await(e -> e.name().equals("stats")
                    && e.data().get("peer_mentor_id").asText().equals("pm-live-oslo"), PATIENCE);
            assertEquals(OSLO, stats.data().get("organisation_id").asText());
            assertEquals(1, stats.data().get("activity_count").asLong());
            assertEquals(1, stats.data().get("session_count").asLong());
            assertEquals(0.5, stats.data().get("total_hours_mentored").asDouble());
            assertEquals(1, stats.data().get("current_streak_days").asInt());

            SseStream.Event badge = oslo.await(e -> e.name().equals("badge_awarded")
                    && e.data().get("peer_mentor_id").asText().equals("pm-live-oslo"), PATIENCE);
            assertEquals("First Session", badge.data().get("badge_name").asText());
            assertEquals("badge_awarded", badge.data().get("type").asText());

            SseStream.Event week = oslo.await(e -> e.name().equals("organisation_stats")
                    && e.data().get("period").asText().equals("week")
                    && e.data().get("activities").asLong() == 1, PATIENCE);
            assertEquals(OSLO, week.data().get("organisation_id").asText());
            assertEquals(30, week.data().get("total_minutes").asLong());

            SseStream.Event bergenStats = bergen.await(e -> e.name().equals("stats"), PATIENCE);
            assertEquals("pm-live-bergen", bergenStats.data().get("peer_mentor_id").asText(),
                    "the other organisation's stream carries its own mentor");

            List<SseStream.Event> everything = oslo.seen();
            assertTrue(everything.stream().allMatch(e -> e.name().equals("ready")
                            || e.data().get("organisation_id").asText().equals(OSLO)),
                    "only Oslo's events on Oslo's stream: " + everything);
            assertTrue(everything.stream().noneMatch(e -> e.data().toString().contains("pm-live-bergen")),
                    "never a Bergen mentor: " + everything);
        }
    }

    @Test
    void aStreamIsRefusedWithAJsonErrorBeforeItOpens() {
        ServiceHarness.Response anonymous = harness.requestTo(harness.service.httpPort(), "GET", live(OSLO), null, null,
                Map.of("Accept", "text/event-stream"));
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("unauthorized", anonymous.json().at("/error/code").asText());

        ServiceHarness.Response otherOrganisation = harness.requestTo(harness.service.httpPort(), "GET", live(OSLO),
                harness.token(Role.COORDINATOR, BERGEN, null), null, Map.of("Accept", "text/event-stream"));
        assertEquals(403, otherOrganisation.status(), otherOrganisation.body());
        assertEquals("you may not watch organisation 'org-nhf-oslo'",
                otherOrganisation.json().at("/error/message").asText());

        ServiceHarness.Response mentor = harness.requestTo(harness.service.httpPort(), "GET", live(OSLO),
                harness.token(Role.PEER_MENTOR, OSLO, "pm-live-oslo"), null,
                Map.of("Accept", "text/event-stream"));
        assertEquals(403, mentor.status(), mentor.body());

        ServiceHarness.Response notAStreamClient = harness.get(live(OSLO), harness.token(Role.COORDINATOR, OSLO, null));
        assertEquals(406, notAStreamClient.status(), notAStreamClient.body());
        assertEquals("not_acceptable", notAStreamClient.json().at("/error/code").asText());

        ServiceHarness.Response tooLong = harness.requestTo(harness.service.httpPort(), "GET", live("o".repeat(101)),
                harness.token(Role.SYSTEM, null, null), null, Map.of("Accept", "text/event-stream"));
        assertEquals(400, tooLong.status(), tooLong.body());
    }
}

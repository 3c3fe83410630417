package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.badges.EarnedBadgeIds;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.serde.Json;
import org.peerstats.streams.topology.MentorPartitioner;
import org.peerstats.streams.topology.StoreNames;
import org.peerstats.streams.topology.TopologySettings;

/**
 * Earned badges through the whole service on a real embedded KRaft broker (3 partitions per
 * topic): the default definitions loaded at start, awards by the rules, manual awards and
 * revocations over real HTTP, the notification topic read as a downstream consumer would read it
 * (read_committed), and a definition added at run time. "Now" is fixed at 2026-03-26 12:00 UTC.
 */
class EarnedBadgesIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-26T12:00:00Z");
    private static final String OSLO = "org-nhf-oslo";
    private static final String BERGEN = "org-lhl-bergen";
    private static final String BADGES = "/api/v1/earned-badges";
    private static final int PARTITIONS = 3;

    @TempDir
    static Path dataDir;
    private static ServiceHarness harness;
    private static String admin;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.onOwnBroker(dataDir, "peerstats-badges-it", Clock.fixed(NOW, ZoneOffset.UTC));
        admin = harness.token(Role.ADMIN, null, null);
        // The default definitions were put on badge-definitions at start; wait until every mentors'
        // task has taken them, so that each test's awards happen at its own records' times.
        for (int partition = 0; partition < TopologySettings.DEFAULT_MENTOR_PARTITIONS; partition++) {
            String mentor = mentorOnPartition("pm-it-warm-up-", partition);
            harness.send(activity(mentor, "org-it-warm-up", "w-" + mentor, ActivityType.SESSION,
                    Instant.parse("2026-03-25T10:00:00Z")), NOW);
            harness.awaitGet(check(mentor, "bdg-def-001"), admin, hasEarned(true));
        }
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static ActivityEvent activity(String mentor, String organisation, String id, ActivityType type,
                                          Instant occurredAt) {
        return new ActivityEvent(EventOp.UPSERT, id, mentor, organisation, type, "mentee-" + id, occurredAt, 30);
    }

    /** Logs one session for a new mentor and waits until the mentor has stats. */
    private static void mentorWithOneSession(String mentor, String organisation, Instant recordTime) {
        harness.send(activity(mentor, organisation, "s-" + mentor, ActivityType.SESSION,
                Instant.parse("2026-03-25T10:00:00Z")), recordTime);
        awaitStats(mentor, 1);
    }

    private static void awaitStats(String mentor, int activityCount) {
        ServiceHarness.Response stats = harness.awaitGet("/api/v1/peer-mentor-stats/" + mentor, admin,
                r -> r.hasField("activity_count", activityCount));
        assertEquals(200, stats.status(), stats.body());
    }

    private static String check(String mentor, String definition) {
        return BADGES + "/check?peer_mentor_id=" + mentor + "&badge_definition_id=" + definition;
    }

    private static Predicate<ServiceHarness.Response> hasEarned(boolean earned) {
        return r -> r.status() == 200 && r.json().get("has_earned").asBoolean() == earned;
    }

    private static String award(String definition, String mentor) {
        return "{\"badge_definition_id\":\"" + definition + "\",\"peer_mentor_id\":\"" + mentor + "\"}";
    }

    private static String message(ServiceHarness.Response response) {
        return response.json().at("/error/message").asText();
    }

    @Test
    void anActivityEarnsFirstSessionFromTheDefaultDefinitionsAndCheckAndGetShowIt() {
        String mentor = "pm-it-first";
        harness.send(activity(mentor, OSLO, "f1", ActivityType.SESSION, Instant.parse("2026-03-25T10:00:00Z")), NOW);

        JsonNode check = harness.awaitGet(check(mentor, "bdg-def-001"), admin, hasEarned(true)).json();
        String id = EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-001", 1);
        assertEquals(Json.mapper().createObjectNode().put("badge_definition_id", "bdg-def-001")
                .put("peer_mentor_id", mentor).put("has_earned", true).put("earned_badge_id", id)
                .put("awarded_at", "2026-03-26T12:00:00Z"), check);

        JsonNode badge = harness.get(BADGES + "/" + id, harness.token(Role.PEER_MENTOR, OSLO, mentor)).json();
        assertEquals(List.of("id", "badge_definition_id", "peer_mentor_id", "organisation_id", "badge_name",
                "badge_description", "icon_url", "awarded_at", "awarded_by", "note", "revoked_at", "revoke_reason"),
                fieldNames(badge));
        assertEquals(OSLO, badge.get("organisation_id").asText());
        assertEquals("First Session", badge.get("badge_name").asText());
        assertEquals("https://assets.example.com/badges/first-session.svg", badge.get("icon_url").asText());
        assertEquals("system", badge.get("awarded_by").asText());
        assertTrue(badge.get("revoked_at").isNull());

        JsonNode notEarned = harness.get(check(mentor, "bdg-def-002"), admin).json();
        assertEquals(false, notEarned.get("has_earned").asBoolean());
        assertTrue(notEarned.get("earned_badge_id").isNull());
        assertTrue(notEarned.get("awarded_at").isNull());
    }

    @Test
    void anAwardRepeatedWithItsIdempotencyKeyIsCarriedOutOnceAndAnsweredAsTheFirstTime() {
        String mentor = "pm-it-idempotent";
        mentorWithOneSession(mentor, OSLO, NOW);
        String commands = harness.topics.badgeCommands().name();
        String body = award("bdg-def-003", mentor);
        Map<String, String> key = Map.of("Idempotency-Key", "retreat-2026-kari");
        long before = harness.endOffsetTotal(commands);

        ServiceHarness.Response first = harness.requestTo(harness.service.httpPort(), "POST", BADGES, admin, body, key);
        ServiceHarness.Response repeat = harness.requestTo(harness.service.httpPort(), "POST", BADGES, admin, body,
                key);

        assertEquals(201, first.status(), first.body());
        assertEquals(201, repeat.status(), repeat.body());
        assertEquals(first.json().get("id").asText(), repeat.json().get("id").asText());
        assertEquals(first.json().get("awarded_at").asText(), repeat.json().get("awarded_at").asText());
        assertEquals(before + 1, harness.endOffsetTotal(commands), "one command for the award and its repeat");
        ServiceHarness.Response withoutKey = harness.post(BADGES, admin, body);
        assertEquals(409, withoutKey.status(), "without the key a repeat is a second award of a held badge");
        ServiceHarness.Response tooLong = harness.requestTo(harness.service.httpPort(), "POST", BADGES, admin, body,
                Map.of("Idempotency-Key", "k".repeat(101)));
        assertEquals(400, tooLong.status());
        assertEquals("Idempotency-Key is 101 characters long; the limit is 100", message(tooLong));
    }

    @Test
    void manualAwardAndRevokeAnswerWithTheRecordAndTheTopologysConflictsAndUnknowns() {
        String mentor = "pm-it-manual";
        mentorWithOneSession(mentor, OSLO, NOW);
        String body = "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"" + mentor + "\","
                + "\"awarded_by\":\"admin-per-001\",\"note\":\"Manual award for the February retreat\"}";

        ServiceHarness.Response created = harness.post(BADGES, admin, body);
        assertEquals(201, created.status(), created.body());
        JsonNode awarded = created.json();
        String id = EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-003", 1);
        assertEquals(id, awarded.get("id").asText());
        assertEquals("Community Builder", awarded.get("badge_name").asText());
        assertEquals("Recognised for exceptional contribution to the peer mentor community",
                awarded.get("badge_description").asText());
        assertEquals(OSLO, awarded.get("organisation_id").asText());
        assertEquals("2026-03-26T12:00:00Z", awarded.get("awarded_at").asText());
        assertEquals("admin-per-001", awarded.get("awarded_by").asText());
        assertEquals("Manual award for the February retreat", awarded.get("note").asText());
        assertEquals(BADGES + "/" + id, created.header("Location").orElseThrow());
        // read your own write: no waiting
        assertEquals(true, harness.get(check(mentor, "bdg-def-003"), admin).json().get("has_earned").asBoolean());
        assertEquals(200, harness.get(BADGES + "/" + id, admin).status());

        ServiceHarness.Response again = harness.post(BADGES, admin, body);
        assertEquals(409, again.status());
        assertEquals("peer mentor '" + mentor + "' already holds 'Community Builder' (earned badge " + id + ")",
                message(again));
        ServiceHarness.Response unknownDefinition = harness.post(BADGES, admin, award("bdg-def-999", mentor));
        assertEquals(404, unknownDefinition.status());
        assertEquals("no badge definition 'bdg-def-999'", message(unknownDefinition));
        ServiceHarness.Response unknownMentor = harness.post(BADGES, admin, award("bdg-def-003", "pm-it-nobody"));
        assertEquals(404, unknownMentor.status());
        assertEquals("no peer mentor 'pm-it-nobody' (a mentor is known once it has statistics)", message(unknownMentor));

        ServiceHarness.Response revoked = harness.delete(BADGES + "/" + id, harness.token(Role.SYSTEM, null, null),
                "{\"revoke_reason\":\"Awarded to the wrong mentor\"}");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(Json.mapper().createObjectNode().put("id", id).put("revoked", true)
                .put("revoked_at", "2026-03-26T12:00:00Z").put("revoke_reason", "Awarded to the wrong mentor"),
                revoked.json());
        assertEquals(false, harness.get(check(mentor, "bdg-def-003"), admin).json().get("has_earned").asBoolean());
        ServiceHarness.Response revokedAgain = harness.delete(BADGES + "/" + id, admin, null);
        assertEquals(409, revokedAgain.status());
        assertEquals("earned badge '" + id + "' was already revoked at 2026-03-26T12:00:00Z", message(revokedAgain));
        assertEquals(404, harness.delete(BADGES + "/earned-no-such-badge", admin, null).status());
        assertEquals(404, harness.get(BADGES + "/earned-no-such-badge", admin).status());
    }

    @Test
    void badBodiesAre400RolesOutsideARouteAre403AndWhatACallerMayNotSeeIs404AsUnknown() {
        String mentor = "pm-it-refused";
        mentorWithOneSession(mentor, OSLO, NOW);

        ServiceHarness.Response missing = harness.post(BADGES, admin, "{\"badge_definition_id\":\"bdg-def-003\"}");
        assertEquals(400, missing.status());
        assertEquals("peer_mentor_id is required", message(missing));
        ServiceHarness.Response notJson = harness.post(BADGES, admin, "{\"badge_definition_id\":");
        assertEquals(400, notJson.status());
        assertTrue(message(notJson).startsWith("the body is not valid JSON: "), message(notJson));
        ServiceHarness.Response number = harness.post(BADGES, admin,
                "{\"badge_definition_id\":3,\"peer_mentor_id\":\"" + mentor + "\"}");
        assertEquals("badge_definition_id must be a string, not number", message(number));
        assertEquals(400, harness.post(BADGES, admin, "[]").status());
        assertEquals(400, harness.post(BADGES, admin, "").status());

        assertEquals(403, harness.post(BADGES, harness.token(Role.COORDINATOR, OSLO, null),
                award("bdg-def-003", mentor)).status());
        assertEquals(403, harness.post(BADGES, harness.token(Role.PEER_MENTOR, OSLO, mentor),
                award("bdg-def-003", mentor)).status());
        String bergenAdmin = harness.token(Role.ADMIN, BERGEN, null);
        ServiceHarness.Response otherOrganisation = harness.post(BADGES, bergenAdmin, award("bdg-def-003", mentor));
        assertEquals(404, otherOrganisation.status());
        assertEquals("no peer mentor '" + mentor + "' (a mentor is known once it has statistics)",
                message(otherOrganisation), "as for a mentor that does not exist");
        String id = EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-001", 1);
        harness.awaitGet(check(mentor, "bdg-def-001"), admin, hasEarned(true));
        assertEquals(403, harness.delete(BADGES + "/" + id, harness.token(Role.COORDINATOR, OSLO, null), null).status());
        ServiceHarness.Response hiddenBadge = harness.delete(BADGES + "/" + id, bergenAdmin, null);
        assertEquals(404, hiddenBadge.status());
        assertEquals("no earned badge '" + id + "'", message(hiddenBadge), "a guessed id of another organisation");
        ServiceHarness.Response hiddenRead = harness.get(BADGES + "/" + id, bergenAdmin);
        String unknownId = EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-001", 9);
        ServiceHarness.Response unknownRead = harness.get(BADGES + "/" + unknownId, bergenAdmin);
        assertEquals(404, unknownRead.status());
        assertEquals(unknownRead.body().replace(unknownId, "ID"), hiddenRead.body().replace(id, "ID"));
        assertEquals(403, harness.get(BADGES, harness.token(Role.SYSTEM, null, null)).status());
        assertEquals(401, harness.get(BADGES, null).status());

        ServiceHarness.Response noParameters = harness.get(BADGES + "/check", admin);
        assertEquals(400, noParameters.status(), "/check is its own route, not an id");
        assertEquals("peer_mentor_id is required", message(noParameters));
        assertEquals(404, harness.get(check(mentor, "bdg-def-999"), admin).status());
        assertEquals(404, harness.get(check("pm-it-nobody", "bdg-def-001"), admin).status());
        assertEquals(404, harness.get(check(mentor, "bdg-def-001"), harness.token(Role.PEER_MENTOR, OSLO, "pm-other"))
                .status());
        assertEquals(404, harness.get(check(mentor, "bdg-def-001"), harness.token(Role.COORDINATOR, BERGEN, null))
                .status());
        assertEquals(200, harness.get(check(mentor, "bdg-def-001"), harness.token(Role.SYSTEM, null, null)).status());
    }

    @Test
    void idsAndTextsOverTheirBoundsAre400NamingTheLimitBeforeAnyCommandIsSentAndAtTheBoundTheyPass() {
        String mentor = "pm-it-bounds";
        mentorWithOneSession(mentor, OSLO, NOW);
        String commands = harness.topics.badgeCommands().name();
        long sentBefore = harness.endOffsetTotal(commands);
        String held = EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-001", 1);
        harness.awaitGet(check(mentor, "bdg-def-001"), admin, hasEarned(true));

        assertTooLong("peer_mentor_id", 100, harness.get("/api/v1/peer-mentor-stats/" + "p".repeat(101), admin));
        assertTooLong("peer_mentor_id", 100, harness.get("/api/v1/peer-mentor-stats/" + "p".repeat(101) + "/streak",
                admin));
        assertTooLong("id", 100, harness.get(BADGES + "/" + "e".repeat(101), admin));
        assertTooLong("id", 100, harness.delete(BADGES + "/" + "e".repeat(101), admin, null));
        assertTooLong("peer_mentor_id", 100, harness.get(BADGES + "?peer_mentor_id=" + "p".repeat(101), admin));
        assertTooLong("organisation_id", 100, harness.get(BADGES + "?organisation_id=" + "o".repeat(101), admin));
        assertTooLong("peer_mentor_id", 100, harness.get(check("p".repeat(101), "bdg-def-001"), admin));
        assertTooLong("badge_definition_id", 100, harness.get(check(mentor, "b".repeat(101)), admin));
        assertTooLong("badge_definition_id", 100, harness.post(BADGES, admin, awardBody("b".repeat(101), mentor,
                null, null)));
        assertTooLong("peer_mentor_id", 100, harness.post(BADGES, admin, awardBody("bdg-def-003", "p".repeat(101),
                null, null)));
        assertTooLong("awarded_by", 200, harness.post(BADGES, admin, awardBody("bdg-def-003", mentor,
                "ø".repeat(201), null)));
        assertTooLong("note", 2000, harness.post(BADGES, admin, awardBody("bdg-def-003", mentor, null,
                "ø".repeat(2001))));
        ServiceHarness.Response longSub = harness.post(BADGES,
                harness.token(new Principal("s".repeat(201), Role.ADMIN, null, null)), award("bdg-def-003", mentor));
        assertEquals(400, longSub.status(), longSub.body());
        assertEquals("awarded_by (your token's sub, as the body names no one) is 201 characters long; the limit is 200",
                message(longSub));
        assertTooLong("revoke_reason", 2000, harness.delete(BADGES + "/" + held, admin,
                Json.mapper().createObjectNode().put("revoke_reason", "ø".repeat(2001)).toString()));
        assertEquals(sentBefore, harness.endOffsetTotal(commands), "no command was sent for a request over a bound");

        assertEquals(404, harness.get("/api/v1/peer-mentor-stats/" + "p".repeat(100), admin).status());
        assertEquals(404, harness.get(BADGES + "/" + "e".repeat(100), admin).status());
        assertEquals(404, harness.delete(BADGES + "/" + "e".repeat(100), admin, null).status());
        assertEquals(0, harness.get(BADGES + "?peer_mentor_id=" + "p".repeat(100) + "&organisation_id="
                + "o".repeat(100), admin).json().at("/pagination/total").asInt(-1));
        assertEquals(404, harness.get(check("p".repeat(100), "bdg-def-001"), admin).status());
        assertEquals(404, harness.get(check(mentor, "b".repeat(100)), admin).status());
        assertEquals(404, harness.post(BADGES, admin, awardBody("bdg-def-003", "p".repeat(100), null, null)).status());
        ServiceHarness.Response unknownDefinition = harness.post(BADGES, admin, awardBody("b".repeat(100), mentor,
                null, null));
        assertEquals(404, unknownDefinition.status(), unknownDefinition.body());
        assertEquals("no badge definition '" + "b".repeat(100) + "'", message(unknownDefinition));
        ServiceHarness.Response awarded = harness.post(BADGES, admin, awardBody("bdg-def-003", mentor,
                "ø".repeat(200), "ø".repeat(2000)));
        assertEquals(201, awarded.status(), awarded.body());
        assertEquals("ø".repeat(200), awarded.json().get("awarded_by").asText());
        assertEquals("ø".repeat(2000), awarded.json().get("note").asText());
        ServiceHarness.Response revoked = harness.delete(BADGES + "/" + held, admin,
                Json.mapper().createObjectNode().put("revoke_reason", "ø".repeat(2000)).toString());
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("ø".repeat(2000), revoked.json().get("revoke_reason").asText());
        assertEquals(sentBefore + 2, harness.endOffsetTotal(commands),
                "the award and the revocation at the bounds; unknown mentors and definitions are refused unsent");
    }

    private static String awardBody(String definition, String mentor, String awardedBy, String note) {
        return Json.mapper().createObjectNode().put("badge_definition_id", definition).put("peer_mentor_id", mentor)
                .put("awarded_by", awardedBy).put("note", note).toString();
    }

    /** 400, with the message naming the field, its length and the limit. */
    private static void assertTooLong(String field, int limit, ServiceHarness.Response response) {
        assertEquals(400, response.status(), response.body());
        assertEquals("bad_request", response.json().at("/error/code").asText(), response.body());
        assertEquals(field + " is " + (limit + 1) + " characters long; the limit is " + limit, message(response));
    }

    @Test
    void listIsOrderedPaginatedWithExactTotalsFilteredAndIsolatedByOrganisation() {
        String orgA = "org-it-list-a";
        String orgB = "org-it-list-b";
        mentorWithOneSession("pm-it-list-1", orgA, NOW.minusSeconds(30));
        mentorWithOneSession("pm-it-list-2", orgA, NOW.minusSeconds(20));
        mentorWithOneSession("pm-it-list-3", orgB, NOW.minusSeconds(10));
        String first = EarnedBadgeIds.earnedBadgeId("pm-it-list-1", "bdg-def-001", 1);
        String second = EarnedBadgeIds.earnedBadgeId("pm-it-list-2", "bdg-def-001", 1);
        String third = EarnedBadgeIds.earnedBadgeId("pm-it-list-3", "bdg-def-001", 1);
        harness.awaitGet(BADGES + "?organisation_id=" + orgB, admin, r -> r.json().at("/pagination/total").asInt() == 1);
        harness.awaitGet(BADGES + "?organisation_id=" + orgA, admin, r -> r.json().at("/pagination/total").asInt() == 2);

        JsonNode page = harness.get(BADGES + "?organisation_id=" + orgA, admin).json();
        assertEquals(List.of(first, second), ids(page));
        assertEquals(List.of("id", "badge_definition_id", "peer_mentor_id", "badge_name", "icon_url", "awarded_at",
                "awarded_by", "revoked_at"), fieldNames(page.get("data").get(0)));
        assertEquals("2026-03-26T11:59:30Z", page.get("data").get(0).get("awarded_at").asText());
        assertEquals(Json.mapper().createObjectNode().put("page", 1).put("limit", 20).put("total", 2),
                page.get("pagination"));
        JsonNode secondPage = harness.get(BADGES + "?organisation_id=" + orgA + "&limit=1&page=2", admin).json();
        assertEquals(List.of(second), ids(secondPage));
        assertEquals(2, secondPage.at("/pagination/total").asInt());
        assertEquals(List.of(), ids(harness.get(BADGES + "?organisation_id=" + orgA + "&limit=1&page=3", admin).json()));

        String coordinatorA = harness.token(Role.COORDINATOR, orgA, null);
        assertEquals(List.of(first, second), ids(harness.get(BADGES, coordinatorA).json()));
        assertEquals(List.of(second), ids(harness.get(BADGES + "?peer_mentor_id=pm-it-list-2", coordinatorA).json()));
        assertEquals(List.of(), ids(harness.get(BADGES + "?peer_mentor_id=pm-it-list-3", coordinatorA).json()));
        assertEquals(403, harness.get(BADGES + "?organisation_id=" + orgB, coordinatorA).status());
        assertEquals(404, harness.get(BADGES + "/" + third, coordinatorA).status(), "orgB's badge, as if unknown");
        assertEquals(List.of(third), ids(harness.get(BADGES, harness.token(Role.ADMIN, orgB, null)).json()));
        String mentor1 = harness.token(Role.PEER_MENTOR, orgA, "pm-it-list-1");
        assertEquals(List.of(first), ids(harness.get(BADGES, mentor1).json()));
        assertEquals(403, harness.get(BADGES + "?peer_mentor_id=pm-it-list-2", mentor1).status());

        assertEquals(200, harness.delete(BADGES + "/" + first, admin, null).status());
        assertEquals(List.of(second), ids(harness.get(BADGES + "?organisation_id=" + orgA, admin).json()));
        JsonNode withRevoked = harness.get(BADGES + "?organisation_id=" + orgA + "&include_revoked=true", admin).json();
        assertEquals(List.of(first, second), ids(withRevoked));
        assertEquals("2026-03-26T12:00:00Z", withRevoked.get("data").get(0).get("revoked_at").asText());

        assertEquals(400, harness.get(BADGES + "?limit=101", admin).status());
        assertEquals(400, harness.get(BADGES + "?page=0", admin).status());
        assertEquals("include_revoked must be true or false, not 'maybe'",
                message(harness.get(BADGES + "?include_revoked=maybe", admin)));
    }

    @Test
    void readCommittedConsumerSeesEveryAwardAndRevocationExactlyOnce() {
        String mentor = "pm-it-notify";
        harness.send(activity(mentor, OSLO, "n1", ActivityType.SESSION, Instant.parse("2026-03-25T10:00:00Z")),
                NOW.minusSeconds(60));
        harness.awaitGet(check(mentor, "bdg-def-001"), admin, hasEarned(true));
        harness.send(new ActivityEvent(EventOp.DELETE, "n1", mentor, null, null, null, null, null), NOW.minusSeconds(50));
        harness.awaitGet(check(mentor, "bdg-def-001"), admin, hasEarned(false));
        assertEquals(201, harness.post(BADGES, admin, award("bdg-def-003", mentor)).status());
        String manual = EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-003", 1);
        assertEquals(200, harness.delete(BADGES + "/" + manual, admin, null).status());

        List<JsonNode> seen = readNotifications(mentor, 4);
        List<String> transitions = seen.stream()
                .map(n -> n.get("type").asText() + " " + n.get("badge_definition_id").asText() + " "
                        + n.get("occurred_at").asText())
                .toList();
        assertEquals(List.of("badge_awarded bdg-def-001 2026-03-26T11:59:00Z",
                "badge_revoked bdg-def-001 2026-03-26T11:59:10Z",
                "badge_awarded bdg-def-003 2026-03-26T12:00:00Z",
                "badge_revoked bdg-def-003 2026-03-26T12:00:00Z"), transitions);
        assertEquals(4, new HashSet<>(seen.stream().map(n -> n.get("event_id").asText()).toList()).size());
        assertEquals("Criteria no longer met — session_count is 0, below 1", seen.get(1).get("revoke_reason").asText());
        assertEquals("test-admin", seen.get(2).get("awarded_by").asText(), "awarded_by defaults to the caller");
    }

    @Test
    void definitionAddedAtRunTimeReachesMentorsOnEveryPartitionAndABadOneIsDeadLettered() throws Exception {
        String organisation = "org-it-runtime";
        List<String> mentors = new ArrayList<>();
        Set<Integer> partitions = new TreeSet<>();
        for (int p = 0; p < TopologySettings.DEFAULT_MENTOR_PARTITIONS; p++) {
            String mentor = mentorOnPartition("pm-it-runtime-", p);
            mentors.add(mentor);
            partitions.add(partitionOf(mentor));
            harness.send(activity(mentor, organisation, "r-" + p, ActivityType.PHONE_CALL,
                    Instant.parse("2026-03-25T10:00:00Z")), NOW);
        }
        assertEquals(TopologySettings.DEFAULT_MENTOR_PARTITIONS, partitions.size(),
                "the mentors are spread over every partition");
        mentors.forEach(mentor -> awaitStats(mentor, 1));
        assertEquals(0, harness.get(BADGES + "?organisation_id=" + organisation, admin).json()
                .at("/pagination/total").asInt());

        harness.sendRaw(harness.topics.badgeDefinitions().name(), "bdg-it-bad", ("{\"id\":\"bdg-it-bad\","
                + "\"name\":\"Bad\",\"revocable\":true,\"criteria\":{\"metric\":\"hugs\",\"min\":1}}")
                .getBytes(StandardCharsets.UTF_8), NOW);
        harness.sendRaw(harness.topics.badgeDefinitions().name(), "bdg-it-caller", ("{\"id\":\"bdg-it-caller\","
                + "\"organisation_id\":\"" + organisation + "\",\"name\":\"Caller\",\"description\":\"Made a call\","
                + "\"icon_url\":null,\"revocable\":true,\"criteria\":{\"metric\":\"activity_count\",\"min\":1}}")
                .getBytes(StandardCharsets.UTF_8), NOW.plusSeconds(5));

        JsonNode listed = harness.awaitGet(BADGES + "?organisation_id=" + organisation, admin,
                r -> r.json().at("/pagination/total").asInt() == mentors.size()).json();
        assertEquals(mentors.size(), listed.at("/pagination/total").asInt());
        listed.get("data").forEach(badge -> {
            assertEquals("bdg-it-caller", badge.get("badge_definition_id").asText());
            assertEquals("2026-03-26T12:00:05Z", badge.get("awarded_at").asText());
        });
        assertEquals(0, harness.get(BADGES + "?organisation_id=" + OSLO, admin).json().get("data").findValues(
                "badge_definition_id").stream().filter(v -> v.asText().equals("bdg-it-caller")).count());

        List<ConsumerRecord<byte[], byte[]>> dead = readRecords(harness.topics.deadLetter().name(), "bdg-it-bad", 1,
                "read_committed");
        assertEquals(1, dead.size());
        assertTrue(new String(dead.get(0).headers().lastHeader("__streams.errors.message").value(),
                StandardCharsets.UTF_8).startsWith("unknown criteria.metric 'hugs'"));

        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers()))) {
            String mentorInputs = harness.service.config().applicationId() + "-" + StoreNames.MENTOR_INPUTS
                    + "-repartition";
            var described = kafka.describeTopics(List.of(mentorInputs, harness.topics.activities().name()))
                    .allTopicNames().get();
            assertEquals(harness.service.config().mentorPartitions(), described.get(mentorInputs).partitions().size());
            assertEquals(PARTITIONS, described.get(harness.topics.activities().name()).partitions().size());
        }
    }

    @Test
    void apiDescriptionListsTheFiveEarnedBadgeEndpoints() {
        JsonNode paths = harness.get("/openapi.json", null).json().get("paths");
        assertEquals(List.of("get", "post"), fieldNames(paths.get(BADGES)));
        assertEquals(List.of("get"), fieldNames(paths.get(BADGES + "/check")));
        assertEquals(List.of("get", "delete"), fieldNames(paths.get(BADGES + "/{id}")));
    }

    /** The partition of {@code mentor-inputs}, and so the task, that holds {@code mentor}. */
    private static int partitionOf(String mentor) {
        return MentorPartitioner.partitionOf(mentor, TopologySettings.DEFAULT_MENTOR_PARTITIONS);
    }

    private static String mentorOnPartition(String prefix, int partition) {
        for (int i = 0; ; i++) {
            if (partitionOf(prefix + i) == partition) {
                return prefix + i;
            }
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(badge -> ids.add(badge.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Reads the mentor's notifications as a downstream consumer would; waits for {@code expected}, then 1 s more. */
    private static List<JsonNode> readNotifications(String mentor, int expected) {
        List<JsonNode> notifications = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readRecords(harness.topics.badgeNotifications().name(), mentor,
                expected, "read_committed")) {
            try {
                notifications.add(Json.mapper().readTree(record.value()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return notifications;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readRecords(String topic, String key, int expected,
                                                                    String isolation) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "badges-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
                if (found.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return found;
    }
}

package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.badges.EarnedBadgeIds;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;

/**
 * Every endpoint against every kind of caller, on both of two instances (so the mentor routes are
 * also answered through a forward), from one table: which status each caller gets. A token that
 * fails (none, expired, signed with another key, another issuer or audience) is 401 everywhere; a
 * role the route does not take is 403; a mentor the caller may not see is 404, as an unknown one.
 */
class AuthMatrixIntegrationTest {

    private static final String MENTOR = "pm-matrix-a";
    private static final String ORG_A = "org-matrix-a";
    private static final String ORG_B = "org-matrix-b";
    private static final String STATS = "/api/v1/peer-mentor-stats/" + MENTOR;
    private static final String BLOC = "/api/v1/peer-mentor-bloc";
    private static final String BADGES = "/api/v1/earned-badges";
    private static final String BADGE_ID = EarnedBadgeIds.earnedBadgeId(MENTOR, "bdg-def-001", 1);
    private static final List<String> SIGNED_IN = List.of("admin of all", "admin of A", "coordinator of A",
            "coordinator of B", "the mentor", "another mentor", "system");
    private static final List<String> REFUSED_TOKENS = List.of("no token", "expired", "another key",
            "another issuer", "another audience");

    /** method, path, body, then the status for each of {@link #SIGNED_IN}, in that order. */
    private record Endpoint(String method, String path, String body, int... statuses) {
    }

    private static final List<Endpoint> TABLE = List.of(
            new Endpoint("GET", STATS, null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", STATS + "/activity-count?period=week", null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", STATS + "/activity-series", null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", STATS + "/streak", null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", STATS + "/training-completions", null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", BLOC + "?organisation_id=" + ORG_A, null, 200, 200, 200, 403, 403, 403, 200),
            new Endpoint("POST", BLOC, "{\"event\":\"LoadMentorDetail\",\"mentor_id\":\"" + MENTOR + "\"}",
                    200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", BLOC + "/" + MENTOR, null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("PUT", BLOC + "/" + MENTOR, "{\"event\":\"RefreshMentorDetail\"}",
                    200, 200, 200, 404, 200, 404, 200),
            new Endpoint("DELETE", BLOC + "/" + MENTOR, null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", BADGES, null, 200, 200, 200, 200, 200, 200, 403),
            new Endpoint("POST", BADGES, "{\"badge_definition_id\":\"bdg-def-999\",\"peer_mentor_id\":\""
                    + MENTOR + "\"}", 404, 404, 403, 403, 403, 403, 404),
            new Endpoint("GET", BADGES + "/check?peer_mentor_id=" + MENTOR + "&badge_definition_id=bdg-def-001",
                    null, 200, 200, 200, 404, 200, 404, 200),
            new Endpoint("GET", BADGES + "/" + BADGE_ID, null, 200, 200, 200, 404, 200, 404, 403),
            new Endpoint("DELETE", BADGES + "/" + EarnedBadgeIds.earnedBadgeId(MENTOR, "bdg-def-001", 99), null,
                    404, 404, 403, 403, 403, 403, 404));

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static ServiceHarness a;
    private static ServiceHarness b;

    @BeforeAll
    static void twoInstancesWithOneMentorWhoHasABadge() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        String appId = "peerstats-matrix-" + UUID.randomUUID();
        Map<String, String> sixPartitions = Map.of("PEERSTATS_TOPIC_PARTITIONS", "6");
        a = new ServiceHarness(broker.bootstrapServers(), dir.resolve("a"), appId, Clock.systemUTC(), sixPartitions);
        b = new ServiceHarness(broker.bootstrapServers(), dir.resolve("b"), appId, Clock.systemUTC(), sixPartitions);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        a.send(a.topics.mentorProfiles(), MENTOR, new MentorProfile(MENTOR, ORG_A, "Mia Matrix",
                "mia@example.org", "active", false), now);
        a.send(new ActivityEvent(EventOp.UPSERT, "matrix-1", MENTOR, ORG_A, ActivityType.SESSION, "mentee-1",
                now.minus(Duration.ofDays(1)), 30), now);
        String system = a.token(Role.SYSTEM, null, null);
        for (ServiceHarness instance : List.of(a, b)) {
            instance.awaitGet(BADGES + "/check?peer_mentor_id=" + MENTOR + "&badge_definition_id=bdg-def-001",
                    system, r -> r.status() == 200 && r.json().path("has_earned").asBoolean());
            instance.awaitGet(BLOC + "/" + MENTOR, system, r -> r.status() == 200);
        }
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        broker.close();
    }

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheTableSaysOnBothInstances() {
        Map<String, String> tokens = tokens();
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (ServiceHarness instance : List.of(a, b)) {
            for (Endpoint endpoint : TABLE) {
                for (Map.Entry<String, String> caller : tokens.entrySet()) {
                    int signedIn = SIGNED_IN.indexOf(caller.getKey());
                    int expected = signedIn < 0 ? 401 : endpoint.statuses()[signedIn];
                    ServiceHarness.Response answer = instance.requestTo(instance.service.httpPort(),
                            endpoint.method(), endpoint.path(), caller.getValue(), endpoint.body(), Map.of());
                    asked++;
                    if (answer.status() != expected) {
                        wrong.add((instance == a ? "a" : "b") + " " + endpoint.method() + " " + endpoint.path() + " as "
                                + caller.getKey() + ": " + answer.status() + " instead of " + expected + " "
                                + answer.body());
                    }
                }
            }
        }
        assertEquals(2 * TABLE.size() * tokens.size(), asked);
        assertEquals(List.of(), wrong);
    }

    /** One token for each kind of caller, by name; null for "no token". */
    private static Map<String, String> tokens() {
        byte[] secret = ServiceHarness.SECRET.getBytes(StandardCharsets.UTF_8);
        TokenRules rules = a.service.config().tokenRules();
        Principal system = new Principal("matrix-system", Role.SYSTEM, null, null);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("expired", new TokenIssuer(secret, rules, Clock.fixed(Instant.now().minus(Duration.ofDays(2)),
                java.time.ZoneOffset.UTC)).issue(system, Duration.ofHours(1)));
        tokens.put("another key", new TokenIssuer("another-secret-of-at-least-32-bytes-long".getBytes(
                StandardCharsets.UTF_8), rules, Clock.systemUTC()).issue(system));
        tokens.put("another issuer", new TokenIssuer(secret, new TokenRules(Optional.of("elsewhere"),
                rules.audience(), rules.maxLifetime()), Clock.systemUTC()).issue(system));
        tokens.put("another audience", new TokenIssuer(secret, new TokenRules(rules.issuer(),
                Optional.of("another-service"), rules.maxLifetime()), Clock.systemUTC()).issue(system));
        tokens.put("admin of all", a.token(new Principal("matrix-admin", Role.ADMIN, null, null)));
        tokens.put("admin of A", a.token(new Principal("matrix-admin-a", Role.ADMIN, ORG_A, null)));
        tokens.put("coordinator of A", a.token(new Principal("matrix-coord-a", Role.COORDINATOR, ORG_A, null)));
        tokens.put("coordinator of B", a.token(new Principal("matrix-coord-b", Role.COORDINATOR, ORG_B, null)));
        tokens.put("the mentor", a.token(new Principal(MENTOR, Role.PEER_MENTOR, ORG_A, MENTOR)));
        tokens.put("another mentor", a.token(new Principal("pm-matrix-x", Role.PEER_MENTOR, ORG_A, "pm-matrix-x")));
        tokens.put("system", a.token(system));
        assertEquals(REFUSED_TOKENS.size() + SIGNED_IN.size(), tokens.size());
        return tokens;
    }
}

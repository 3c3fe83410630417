package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;

/**
 * Bounded requests on a real service: commands per caller and minute (429 with Retry-After),
 * a body or headers too large (413, 431) — each in the service's own JSON error shape.
 */
class RequestLimitsIntegrationTest {

    private static final String BADGES = "/api/v1/earned-badges";

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static ServiceHarness harness;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        harness = new ServiceHarness(broker.bootstrapServers(), dir.resolve("service"),
                "peerstats-limits-" + UUID.randomUUID(), Clock.systemUTC(),
                Map.of("PEERSTATS_COMMANDS_PER_MINUTE", "2"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        broker.close();
    }

    @Test
    void aCallerPastItsCommandsPerMinuteGets429WithRetryAfterWhileReadsAndOtherCallersGoOn() {
        String admin = harness.token(Role.ADMIN, null, null);
        assertEquals(400, harness.post(BADGES, admin, "{}").status(), "counted, though refused");
        assertEquals(400, harness.post(BADGES, admin, "{}").status());

        ServiceHarness.Response third = harness.post(BADGES, admin, "{}");
        assertEquals(429, third.status(), third.body());
        assertEquals("too_many_requests", third.json().at("/error/code").asText());
        assertTrue(third.json().at("/error/message").asText().startsWith("more than 2 commands a minute"),
                third.body());
        long retryAfter = Long.parseLong(third.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "one command comes back every 30 s: " + retryAfter);

        assertEquals(200, harness.get(BADGES, admin).status(), "reads are not commands");
        String otherAdmin = harness.token(new org.peerstats.gateway.auth.Principal("admin-2", Role.ADMIN, null, null));
        assertEquals(400, harness.post(BADGES, otherAdmin, "{}").status(), "another caller has a bucket of its own");
    }

    @Test
    void aBodyOverTheLimitIs413AndHeadersOverTheirsAre431InTheErrorShape() {
        String system = harness.token(new org.peerstats.gateway.auth.Principal("big-bodies", Role.SYSTEM, null, null));
        // Just over the limit: the server answers before it reads the body and closes the connection, and
        // a body much larger than the socket buffers (2 MB, at first) was then sometimes cut by a reset
        // before the client read the answer.
        ServiceHarness.Response large = harness.post(BADGES, system, "{\"note\":\"" + "x".repeat(100_000) + "\"}");
        assertEquals(413, large.status(), large.body());
        assertEquals("payload_too_large", large.json().at("/error/code").asText(), large.body());

        ServiceHarness.Response headers = harness.requestTo(harness.service.httpPort(), "GET", BADGES, system, null,
                Map.of("X-Filler", "y".repeat(20_000)));
        assertEquals(431, headers.status(), headers.body());
        assertEquals("request_header_fields_too_large", headers.json().at("/error/code").asText(), headers.body());
    }
}

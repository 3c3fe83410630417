package org.peerstats.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.MutableClock;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.PeerstatsConfig;

/** A token bucket per caller: a burst of the per-minute limit, then one command per 60 / limit seconds. */
class CommandRateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final CommandRateLimit limit = new CommandRateLimit(6, clock);
    private final Principal admin = new Principal("admin-1", Role.ADMIN, "org-a", null);

    @Test
    void aBurstOfTheLimitPassesThenOneEveryTenSecondsAndTheRefusalSaysWhen() {
        for (int i = 0; i < 6; i++) {
            limit.acquire(admin);
        }
        RetryLaterException refused = assertThrows(RetryLaterException.class, () -> limit.acquire(admin));
        assertEquals(429, refused.status());
        assertEquals(Duration.ofSeconds(10), refused.retryAfter());

        clock.advance(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(6), assertThrows(RetryLaterException.class, () -> limit.acquire(admin))
                .retryAfter());
        clock.advance(Duration.ofSeconds(6));
        limit.acquire(admin);
        assertThrows(RetryLaterException.class, () -> limit.acquire(admin));
    }

    @Test
    void callersHaveBucketsOfTheirOwnAndAnIdleOneFillsUpToTheLimitOnly() {
        for (int i = 0; i < 6; i++) {
            limit.acquire(admin);
        }
        limit.acquire(new Principal("admin-1", Role.ADMIN, "org-b", null));
        limit.acquire(new Principal("admin-2", Role.ADMIN, "org-a", null));

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 6; i++) {
            limit.acquire(admin);
        }
        assertThrows(RetryLaterException.class, () -> limit.acquire(admin));
    }

    @Test
    void zeroIsListedAsNoLimitAndANegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CommandRateLimit(-1, clock));
        assertEquals("no limit", PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_COMMANDS_PER_MINUTE", "0"))
                .describe().get("commands.per.minute"));
        assertEquals("300", PeerstatsConfig.fromEnvironment(Map.of()).describe().get("commands.per.minute"));
    }
}

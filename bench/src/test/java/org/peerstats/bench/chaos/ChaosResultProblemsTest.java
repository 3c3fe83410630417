package org.peerstats.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A failed chaos run must say why in the part of its message a CI excerpt shows: the end. */
class ChaosResultProblemsTest {

    @Test
    void longListsAreCutAndTheTimingsAndLogWarningsComeLast() {
        List<String> badgeDifferences = IntStream.range(0, 25)
                .mapToObj(i -> "pm-%03d bdg-def-002: expected [badge_awarded], read []".formatted(i)).toList();
        ChaosRun.Round stale = new ChaosRun.Round(1, ChaosRun.RoundKind.BROKER_HOLDER_KILL, 0.1, 21.5, false, 150.0,
                4_000, List.of("pm-001 stale on :8081"), List.of());
        ChaosRun.Result result = new ChaosRun.Result(null, Instant.EPOCH, 1, 2, List.of(stale), 5_000, 3, 3, Map.of(),
                null, List.of(), new BadgeNotificationCheck.Outcome(false, 0, 25, badgeDifferences), 200,
                "round 1 did not become fresh; the rounds stopped there", "")
                .withLogDigest("last warnings of a.log:\n12:00:00.000 ERROR [x] y - the global thread died");

        List<String> lines = result.problems().lines().toList();

        assertFalse(result.exact());
        assertEquals("last warnings of a.log:", lines.get(lines.size() - 2));
        assertEquals("12:00:00.000 ERROR [x] y - the global thread died", lines.get(lines.size() - 1));
        assertEquals("round 1 (SIGKILL instance A (holds the broker)): stopped in 0.1 s, ready 21.5 s, "
                + "still stale after 150.0 s", lines.get(lines.size() - 3));
        assertEquals(10, lines.stream().filter(l -> l.startsWith("badge-notifications: pm-")).count());
        assertTrue(lines.contains("badge-notifications: … and 15 more"), lines::toString);
    }
}

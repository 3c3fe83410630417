package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.badges.BadgeService;
import org.peerstats.gateway.detail.MentorDetailService;

/**
 * A forwarded request gets longer than the handler it reaches may wait, so a slow answer is not
 * taken for none; and the receiver takes a forward's signature for as long as it can be on its
 * way, with the clocks some seconds apart.
 */
class ForwardTimeoutTest {

    @Test
    void theForwardTimeoutExceedsEveryHandlersWait() {
        assertTrue(PeerstatsService.FORWARD_TIMEOUT.compareTo(BadgeService.DEFAULT_WAIT) > 0);
        assertTrue(PeerstatsService.FORWARD_TIMEOUT.compareTo(MentorDetailService.DEFAULT_COMMAND_WAIT) > 0);
    }

    @Test
    void aForwardIsAcceptedForItsTimeoutAndTheClockSkewAndNoLonger() {
        assertEquals(PeerstatsService.FORWARD_TIMEOUT.plus(PeerstatsService.PEER_CLOCK_SKEW),
                PeerstatsService.FORWARD_WINDOW);
        assertEquals(Duration.ofSeconds(30), PeerstatsService.FORWARD_WINDOW);
    }
}

package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerstats.gateway.badges.BadgeService;
import org.peerstats.gateway.detail.MentorDetailService;

/** A forwarded request gets longer than the handler it reaches may wait, so a slow answer is not taken for none. */
class ForwardTimeoutTest {

    @Test
    void theForwardTimeoutExceedsEveryHandlersWait() {
        assertTrue(PeerstatsService.FORWARD_TIMEOUT.compareTo(BadgeService.DEFAULT_WAIT) > 0);
        assertTrue(PeerstatsService.FORWARD_TIMEOUT.compareTo(MentorDetailService.DEFAULT_COMMAND_WAIT) > 0);
    }
}

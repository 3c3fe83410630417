package org.peerstats.streams.badges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.stats.MentorStats;

class BadgeRulesTest {

    private static final String OSLO = "org-nhf-oslo";
    private static final BadgeHolding NOT_HELD = BadgeHolding.none("bdg");
    private static final BadgeHolding HELD_BY_RULES = new BadgeHolding("bdg", 1, "earned-1", true, false);
    private static final BadgeHolding HELD_BY_HAND = new BadgeHolding("bdg", 1, "earned-1", false, false);
    private static final BadgeHolding REVOKED_BY_HAND = new BadgeHolding("bdg", 1, null, false, true);
    private static final BadgeHolding REVOKED_BY_RULES = new BadgeHolding("bdg", 1, null, false, false);

    /** activity 12, sessions 7, mentees 4, 19.5 h, modules 2, longest streak 30, current streak 3. */
    private static MentorStats stats() {
        return new MentorStats("pm-kari-001", OSLO, 12, 7, 4, 19.5, 1170, 2, List.of("m1", "m2"),
                Instant.parse("2026-03-25T10:00:00Z"), 3, Instant.parse("2026-03-22T23:00:00Z"), 30,
                Instant.parse("2026-03-26T12:00:00Z"));
    }

    private static BadgeDefinition definition(String metric, long min, boolean revocable) {
        return new BadgeDefinition("bdg", null, "Badge", "A badge", "icon.svg",
                new BadgeCriteria(metric, BigDecimal.valueOf(min)), revocable);
    }

    @Test
    void everyMetricReadsItsStatistic() {
        MentorStats stats = stats();
        assertEquals(new BigDecimal("12"), BadgeMetric.ACTIVITY_COUNT.valueIn(stats));
        assertEquals(new BigDecimal("7"), BadgeMetric.SESSION_COUNT.valueIn(stats));
        assertEquals(new BigDecimal("4"), BadgeMetric.UNIQUE_MENTEES_COUNT.valueIn(stats));
        assertEquals(new BigDecimal("19.5"), BadgeMetric.TOTAL_HOURS_MENTORED.valueIn(stats));
        assertEquals(new BigDecimal("2"), BadgeMetric.TRAINING_COMPLETION_COUNT.valueIn(stats));
        assertEquals(new BigDecimal("30"), BadgeMetric.LONGEST_STREAK_DAYS.valueIn(stats));
        assertEquals(new BigDecimal("3"), BadgeMetric.CURRENT_STREAK_DAYS.valueIn(stats));
    }

    @Test
    void criteriaHoldFromTheMinimumUpwards() {
        assertTrue(BadgeRules.met(new BadgeCriteria("activity_count", new BigDecimal("12")), stats()));
        assertFalse(BadgeRules.met(new BadgeCriteria("activity_count", new BigDecimal("13")), stats()));
        assertTrue(BadgeRules.met(new BadgeCriteria("total_hours_mentored", new BigDecimal("19.5")), stats()));
        assertFalse(BadgeRules.met(new BadgeCriteria("total_hours_mentored", new BigDecimal("20")), stats()));
        assertTrue(BadgeRules.met(new BadgeCriteria("longest_streak_days", new BigDecimal("30")), stats()));
        assertFalse(BadgeRules.met(new BadgeCriteria("current_streak_days", new BigDecimal("4")), stats()));
    }

    @Test
    void metCriteriaAwardABadgeThatIsNotHeld() {
        assertEquals(BadgeRules.Action.AWARD,
                BadgeRules.decide(definition("session_count", 1, true), stats(), NOT_HELD).action());
        assertEquals(BadgeRules.Action.AWARD,
                BadgeRules.decide(definition("session_count", 1, true), stats(), REVOKED_BY_RULES).action());
    }

    @Test
    void metCriteriaDoNothingWhenTheBadgeIsHeldOrWasRevokedByHand() {
        BadgeDefinition firstSession = definition("session_count", 1, true);
        assertEquals(BadgeRules.Action.NONE, BadgeRules.decide(firstSession, stats(), HELD_BY_RULES).action());
        assertEquals(BadgeRules.Action.NONE, BadgeRules.decide(firstSession, stats(), HELD_BY_HAND).action());
        assertEquals(BadgeRules.Action.NONE, BadgeRules.decide(firstSession, stats(), REVOKED_BY_HAND).action());
    }

    @Test
    void unmetCriteriaRevokeARevocableBadgeTheRulesAwardedWithTheReason() {
        BadgeRules.Decision decision = BadgeRules.decide(definition("activity_count", 13, true), stats(), HELD_BY_RULES);
        assertEquals(BadgeRules.Action.REVOKE, decision.action());
        assertEquals("Criteria no longer met — activity_count is 12, below 13", decision.reason());
    }

    @Test
    void unmetCriteriaKeepANonRevocableBadgeAndABadgeAwardedByHand() {
        assertEquals(BadgeRules.Action.NONE,
                BadgeRules.decide(definition("activity_count", 13, false), stats(), HELD_BY_RULES).action());
        assertEquals(BadgeRules.Action.NONE,
                BadgeRules.decide(definition("activity_count", 13, true), stats(), HELD_BY_HAND).action());
        assertEquals(BadgeRules.Action.NONE,
                BadgeRules.decide(definition("activity_count", 13, true), stats(), NOT_HELD).action());
    }

    @Test
    void manualOnlyDefinitionsAndOtherOrganisationsDefinitionsDecideNothing() {
        BadgeDefinition manual = new BadgeDefinition("bdg", null, "Manual", null, null, null, false);
        assertEquals(BadgeRules.Action.NONE, BadgeRules.decide(manual, stats(), NOT_HELD).action());
        BadgeDefinition bergenOnly = new BadgeDefinition("bdg", "org-lhl-bergen", "Bergen", null, null,
                new BadgeCriteria("session_count", BigDecimal.ONE), true);
        assertEquals(BadgeRules.Action.NONE, BadgeRules.decide(bergenOnly, stats(), NOT_HELD).action());
        BadgeDefinition osloOnly = new BadgeDefinition("bdg", OSLO, "Oslo", null, null,
                new BadgeCriteria("session_count", BigDecimal.ONE), true);
        assertEquals(BadgeRules.Action.AWARD, BadgeRules.decide(osloOnly, stats(), NOT_HELD).action());
    }

    @Test
    void revokeReasonShowsNumbersWithoutTrailingZeros() {
        assertEquals("Criteria no longer met — total_hours_mentored is 19.5, below 20",
                BadgeRules.revokeReason(BadgeMetric.TOTAL_HOURS_MENTORED, new BigDecimal("19.50"), new BigDecimal("20.0")));
        assertEquals("Criteria no longer met — session_count is 0, below 1",
                BadgeRules.revokeReason(BadgeMetric.SESSION_COUNT, new BigDecimal("0.00"), BigDecimal.ONE));
    }
}

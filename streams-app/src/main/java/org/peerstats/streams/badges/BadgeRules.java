package org.peerstats.streams.badges;

import java.math.BigDecimal;
import org.peerstats.streams.stats.MentorStats;

/**
 * The badge rules of DESIGN.md section 6 as pure functions of a definition, a mentor's stats and
 * where the mentor stands with the definition:
 * <ul>
 *   <li>award (by the rules, {@code awarded_by: "system"}) when the criteria hold and the badge is
 *       not held — unless its last award was revoked by hand, which only a manual award undoes;</li>
 *   <li>revoke a badge the rules awarded, of a {@code revocable} definition, when the criteria no
 *       longer hold; a badge awarded by hand is never revoked by the rules;</li>
 *   <li>a definition without criteria, or for another organisation, decides nothing.</li>
 * </ul>
 */
public final class BadgeRules {

    /** What to do about one definition for one mentor. */
    public enum Action {
        NONE,
        AWARD,
        REVOKE
    }

    /** @param reason the {@code revoke_reason} when {@link Action#REVOKE}, else {@code null} */
    public record Decision(Action action, String reason) {

        static final Decision NONE = new Decision(Action.NONE, null);
        static final Decision AWARD = new Decision(Action.AWARD, null);
    }

    private BadgeRules() {
    }

    /** Whether {@code stats} meet {@code criteria}: the metric is at least {@code min}. */
    public static boolean met(BadgeCriteria criteria, MentorStats stats) {
        return criteria.knownMetric().valueIn(stats).compareTo(criteria.min()) >= 0;
    }

    public static Decision decide(BadgeDefinition definition, MentorStats stats, BadgeHolding holding) {
        BadgeCriteria criteria = definition.criteria();
        if (criteria == null || !definition.appliesTo(stats.organisationId())) {
            return Decision.NONE;
        }
        if (met(criteria, stats)) {
            return holding.holds() || holding.revokedByCommand() ? Decision.NONE : Decision.AWARD;
        }
        if (holding.holds() && holding.awardedByRules() && definition.revokesAutomatically()) {
            BadgeMetric metric = criteria.knownMetric();
            return new Decision(Action.REVOKE, revokeReason(metric, metric.valueIn(stats), criteria.min()));
        }
        return Decision.NONE;
    }

    /** {@code Criteria no longer met — activity_count is 9, below 10}. */
    public static String revokeReason(BadgeMetric metric, BigDecimal value, BigDecimal min) {
        return "Criteria no longer met — " + metric.wireName() + " is " + plain(value) + ", below " + plain(min);
    }

    /** 9, 19.5, 20: no exponent, no trailing zeros. */
    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}

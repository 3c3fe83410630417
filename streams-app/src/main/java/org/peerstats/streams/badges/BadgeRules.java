package org.peerstats.streams.badges;

import java.math.BigDecimal;
import org.peerstats.streams.stats.DayChanges;
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
 *   <li>criteria hold when every part holds: an all-time part on the stats, a windowed part in
 *       some single calendar period of the mentor's days ({@link CriteriaCheck}); the reason of a
 *       revocation names the first part that fails.</li>
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

    private static final String NO_LONGER_MET = "Criteria no longer met — ";

    private BadgeRules() {
    }

    /** Whether {@code stats} meet the simple all-time {@code criteria}: the metric is at least {@code min}. */
    public static boolean met(BadgeCriteria criteria, MentorStats stats) {
        return criteria.knownMetric().valueIn(stats).compareTo(criteria.min()) >= 0;
    }

    /** The decision for criteria without a windowed part, which the stats alone decide. */
    public static Decision decide(BadgeDefinition definition, MentorStats stats, BadgeHolding holding) {
        if (definition.criteria() != null && definition.criteria().windowed()) {
            throw new IllegalArgumentException("windowed criteria need the mentor's days: " + definition.id());
        }
        return decide(definition, stats, holding, DayChanges.NONE, ActivityDays.NONE).decision();
    }

    /** A decision, and the window memo to keep for the next one (unchanged when {@code null}). */
    record Evaluation(Decision decision, WindowMemo memo) {
    }

    static Evaluation decide(BadgeDefinition definition, MentorStats stats, BadgeHolding holding,
                             DayChanges changes, ActivityDays days) {
        BadgeCriteria criteria = definition.criteria();
        if (criteria == null || !definition.appliesTo(stats.organisationId())) {
            return new Evaluation(Decision.NONE, null);
        }
        CriteriaCheck.Result result = CriteriaCheck.evaluate(criteria, stats, holding.windows(), changes, days);
        if (result.met()) {
            return new Evaluation(holding.holds() || holding.revokedByCommand() ? Decision.NONE : Decision.AWARD,
                    result.memo());
        }
        if (holding.holds() && holding.awardedByRules() && definition.revokesAutomatically()) {
            return new Evaluation(new Decision(Action.REVOKE, NO_LONGER_MET + result.failure()), result.memo());
        }
        return new Evaluation(Decision.NONE, result.memo());
    }

    /** {@code Criteria no longer met — activity_count is 9, below 10}. */
    public static String revokeReason(BadgeMetric metric, BigDecimal value, BigDecimal min) {
        return NO_LONGER_MET + shortfall(metric, value, min);
    }

    /** {@code activity_count is 9, below 10}. */
    static String shortfall(BadgeMetric metric, BigDecimal value, BigDecimal min) {
        return metric.wireName() + " is " + plain(value) + ", below " + plain(min);
    }

    /** 9, 19.5, 20: no exponent, no trailing zeros. */
    static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}

package org.peerstats.streams.badges;

import java.math.BigDecimal;
import java.util.List;

/**
 * The badge definitions a new installation starts with; the service puts them on
 * {@code badge-definitions} at start when that topic has never had a record. Count badges can be
 * revoked (a deleted or corrected activity takes them back); a streak once kept for 30 days stays.
 */
public final class DefaultBadgeDefinitions {

    private static final String ICONS = "https://assets.example.com/badges/";

    private DefaultBadgeDefinitions() {
    }

    public static List<BadgeDefinition> all() {
        return List.of(
                definition("bdg-def-001", "First Session", "Completed a first mentoring session",
                        "first-session.svg", "session_count", 1, true),
                definition("bdg-def-002", "Streak Champion",
                        "Maintained an active mentoring streak for 30 consecutive days",
                        "streak-champion.svg", "longest_streak_days", 30, false),
                new BadgeDefinition("bdg-def-003", null, "Community Builder",
                        "Recognised for exceptional contribution to the peer mentor community",
                        ICONS + "community-builder.svg", null, false),
                definition("bdg-def-004", "Ten Activities", "Logged ten mentoring activities",
                        "ten-activities.svg", "activity_count", 10, true),
                definition("bdg-def-005", "Twenty Hours", "Spent twenty hours mentoring",
                        "twenty-hours.svg", "total_hours_mentored", 20, true),
                definition("bdg-def-006", "Five Mentees", "Supported five different mentees",
                        "five-mentees.svg", "unique_mentees_count", 5, true),
                definition("bdg-def-007", "Well Trained", "Completed five training modules",
                        "well-trained.svg", "training_completion_count", 5, true));
    }

    private static BadgeDefinition definition(String id, String name, String description, String icon, String metric,
                                              int min, boolean revocable) {
        return new BadgeDefinition(id, null, name, description, ICONS + icon,
                new BadgeCriteria(metric, BigDecimal.valueOf(min)), revocable);
    }
}

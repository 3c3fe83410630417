package org.peerstats.streams.organisations;

import java.time.LocalDate;

/**
 * One organisation's totals for one calendar period, as the topology keeps them and publishes them
 * on {@code organisation-stats} (key: organisation_id) whenever they change.
 *
 * @param period                   {@code week}, {@code month}, {@code year} or {@code all_time}
 * @param start                    the period's first local day; {@code null} for {@code all_time}
 * @param activeMentors            mentors with at least one activity counted in the period
 * @param badgesAwarded            badges awarded in the period and still held (net of revocations)
 * @param mentorsWithCurrentStreak for {@code all_time} only (the organisation as it is now): mentors
 *                                 whose stats show a current streak; 0 in the other periods
 */
public record OrganisationPeriodStats(
        String organisationId,
        String period,
        LocalDate start,
        long activeMentors,
        long activities,
        long sessions,
        long totalMinutes,
        long badgesAwarded,
        long mentorsWithCurrentStreak) {
}

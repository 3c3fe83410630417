package org.peerstats.gateway.organisations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * {@code GET /api/v1/organisation-stats/:organisation_id}: the organisation's totals per period,
 * in the order week, month, year, all_time (or the one period asked for).
 *
 * @param asOf when "current" was decided: the periods are those containing this instant's local day
 */
public record OrganisationStatsResponse(String organisationId, String timeZone, Instant asOf,
                                        Map<String, PeriodTotals> periods) {

    /**
     * One period's totals.
     *
     * @param start                    the first local day; absent for all_time
     * @param end                      the last local day; absent for all_time
     * @param mentorsWithCurrentStreak present for the current periods and all_time only: a past
     *                                 period's streaks are not kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeriodTotals(LocalDate start, LocalDate end, long activeMentors, long activities, long sessions,
                               long totalMinutes, double totalHours, long badgesAwarded,
                               Long mentorsWithCurrentStreak) {
    }
}

package org.peerstats.gateway.stats;

import static org.peerstats.gateway.http.WireTime.seconds;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.query.MentorStatsQueries;
import org.peerstats.gateway.query.ReadScope;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Answers the peer-mentor-stats questions from the stores, with query-time values ("today", the
 * current streak) taken from the injected clock in the mentor's organisation's zone. Knows
 * nothing of HTTP: it takes the caller's {@link Principal} and throws {@link ApiException}.
 */
public final class StatsService {

    /** The most points one series may have. */
    static final int MAX_SERIES_POINTS = 400;

    private final MentorStatsQueries queries;
    private final OrganisationZones zones;
    private final Clock clock;

    public StatsService(MentorStatsQueries queries, OrganisationZones zones, Clock clock) {
        this.queries = queries;
        this.zones = zones;
        this.clock = clock;
    }

    public StatsResponses.Stats stats(ReadScope scope, Principal caller, String mentorId) {
        MentorStats s = currentStats(scope, caller, mentorId);
        return new StatsResponses.Stats(s.peerMentorId(), s.organisationId(), s.activityCount(), s.currentStreakDays(),
                s.trainingCompletionCount(), s.sessionCount(), s.uniqueMenteesCount(), s.totalHoursMentored(),
                seconds(s.lastActiveAt()), seconds(s.computedAt()));
    }

    public StatsResponses.ActivityCount activityCount(ReadScope scope, Principal caller, String mentorId) {
        MentorStats s = currentStats(scope, caller, mentorId);
        return new StatsResponses.ActivityCount(s.peerMentorId(), s.activityCount(), seconds(s.computedAt()));
    }

    public StatsResponses.PeriodActivityCount activityCount(ReadScope scope, Principal caller, String mentorId, CalendarPeriod period,
            Optional<LocalDate> date) {
        MentorState state = queries.visibleTo(scope, caller, mentorId);
        ZoneId zone = zones.zoneOf(state.organisationId);
        LocalDate day = date.orElseGet(() -> LocalDate.now(clock.withZone(zone)));
        LocalDate start = period.start(day);
        LocalDate next = period.next(start);
        Totals totals = Totals.of(queries.days(scope, mentorId, start, next.minusDays(1)).values());
        return new StatsResponses.PeriodActivityCount(mentorId, name(period), day, midnight(start, zone),
                midnight(next, zone), totals.activities, totals.sessions, totals.minutes, seconds(state.computedAt));
    }

    public StatsResponses.ActivitySeries activitySeries(ReadScope scope, Principal caller, String mentorId, CalendarPeriod granularity,
            Optional<LocalDate> from, Optional<LocalDate> to) {
        MentorState state = queries.visibleTo(scope, caller, mentorId);
        ZoneId zone = zones.zoneOf(state.organisationId);
        LocalDate last = to.orElseGet(() -> LocalDate.now(clock.withZone(zone)));
        LocalDate first = from.orElseGet(() -> defaultFrom(granularity, last));
        if (first.isAfter(last)) {
            throw ApiException.badRequest("from " + first + " is after to " + last);
        }
        LocalDate firstStart = granularity.start(first);
        long points = pointCount(granularity, firstStart, last);
        if (points > MAX_SERIES_POINTS) {
            throw ApiException.badRequest("the series would have " + points + " points; at most "
                    + MAX_SERIES_POINTS + " — narrow from/to or use a coarser granularity");
        }
        LocalDate lastEnd = granularity.end(last);
        NavigableMap<LocalDate, DayBucket> days = queries.days(scope, mentorId, firstStart, lastEnd);
        List<StatsResponses.SeriesPoint> series = new ArrayList<>();
        for (LocalDate start = firstStart; !start.isAfter(last); start = granularity.next(start)) {
            LocalDate next = granularity.next(start);
            Totals totals = Totals.of(days.subMap(start, true, next, false).values());
            series.add(new StatsResponses.SeriesPoint(start, midnight(start, zone), midnight(next, zone),
                    totals.activities, totals.sessions, totals.minutes));
        }
        return new StatsResponses.ActivitySeries(mentorId, name(granularity), first, last, zone.getId(), series,
                seconds(state.computedAt));
    }

    public StatsResponses.Streak streak(ReadScope scope, Principal caller, String mentorId) {
        MentorStats s = currentStats(scope, caller, mentorId);
        return new StatsResponses.Streak(s.peerMentorId(), s.currentStreakDays(), seconds(s.streakStartedAt()),
                seconds(s.lastActiveAt()), s.longestStreakDays(), seconds(s.computedAt()));
    }

    public StatsResponses.TrainingCompletions trainingCompletions(ReadScope scope, Principal caller, String mentorId) {
        MentorStats s = currentStats(scope, caller, mentorId);
        return new StatsResponses.TrainingCompletions(s.peerMentorId(), s.trainingCompletionCount(),
                s.completedModuleIds(), seconds(s.computedAt()));
    }

    private MentorStats currentStats(ReadScope scope, Principal caller, String mentorId) {
        MentorState state = queries.visibleTo(scope, caller, mentorId);
        return state.toStats(mentorId, clock.instant(), zones.zoneOf(state.organisationId));
    }

    private static LocalDate defaultFrom(CalendarPeriod granularity, LocalDate to) {
        return switch (granularity) {
            case DAY -> to.minusDays(29);
            case WEEK -> to.minusWeeks(11);
            case MONTH -> to.minusMonths(11);
            case YEAR -> to.minusYears(4);
        };
    }

    private static long pointCount(CalendarPeriod granularity, LocalDate firstStart, LocalDate last) {
        return switch (granularity) {
            case DAY -> ChronoUnit.DAYS.between(firstStart, last) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(firstStart, last) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(firstStart, last) + 1;
            case YEAR -> ChronoUnit.YEARS.between(firstStart, last) + 1;
        };
    }

    private static String name(CalendarPeriod period) {
        return period.name().toLowerCase(Locale.ROOT);
    }

    private static Instant midnight(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private record Totals(long activities, long sessions, long minutes) {
        static Totals of(Iterable<DayBucket> days) {
            long activities = 0;
            long sessions = 0;
            long minutes = 0;
            for (DayBucket day : days) {
                activities += day.activities();
                sessions += day.sessions();
                minutes += day.minutes();
            }
            return new Totals(activities, sessions, minutes);
        }
    }
}

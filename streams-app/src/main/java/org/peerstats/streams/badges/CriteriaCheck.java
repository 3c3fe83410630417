package org.peerstats.streams.badges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;

/**
 * Whether one mentor meets a definition's criteria, part by part. An all-time part reads the stats
 * document; a windowed part needs some single calendar period of the mentor's day buckets to reach
 * its minimum, and is decided from the cheapest source that is sure (see {@link WindowMemo}):
 * <ul>
 *   <li>no memo for these criteria, or the days that changed are unknown: one pass over all of
 *       the mentor's days, in date order, for every windowed part at once;</li>
 *   <li>reached before and nothing lowered: still reached; reached before and a day lowered: the
 *       whole pass (a retraction is rare, and the best period may be any);</li>
 *   <li>not reached before: only the periods that contain a raised day can have changed.</li>
 * </ul>
 */
final class CriteriaCheck {

    /**
     * @param met     whether every part holds
     * @param failure the first part that does not hold, in words ({@code activity_count is 9,
     *                below 10}), or {@code null}
     * @param memo    what to keep for the next evaluation, or {@code null} for criteria without a
     *                windowed part
     */
    record Result(boolean met, String failure, WindowMemo memo) {
    }

    private CriteriaCheck() {
    }

    static Result evaluate(BadgeCriteria criteria, MentorStats stats, WindowMemo previous, DayChanges changes,
                           ActivityDays days) {
        List<BadgeCriteria> parts = criteria.parts();
        int fingerprint = WindowMemo.fingerprint(criteria);
        WindowMemo memo = previous != null && previous.criteriaFingerprint() == fingerprint ? previous : null;
        boolean windowed = criteria.windowed();
        // best[i]: the largest value of windowed part i over all periods, when a full pass found it
        BigDecimal[] best = new BigDecimal[parts.size()];
        boolean[] reached = new boolean[parts.size()];
        boolean[] needsPass = new boolean[parts.size()];
        boolean anyPass = false;
        for (int i = 0; i < parts.size(); i++) {
            BadgeCriteria part = parts.get(i);
            if (part.period() == null) {
                continue;
            }
            boolean wasReached = memo != null && memo.reached(i);
            if (memo == null || changes.unknown() || (wasReached && !changes.lowered().isEmpty())) {
                needsPass[i] = true;
                anyPass = true;
            } else if (wasReached) {
                reached[i] = true;
            } else {
                reached[i] = reachedInPeriodsOf(changes.raised(), part, stats.peerMentorId(), days);
            }
        }
        if (anyPass) {
            bestOfEveryPeriod(parts, needsPass, stats.peerMentorId(), days, best);
            for (int i = 0; i < parts.size(); i++) {
                if (needsPass[i]) {
                    reached[i] = best[i].compareTo(parts.get(i).min()) >= 0;
                }
            }
        }
        long bits = 0;
        String failure = null;
        for (int i = 0; i < parts.size(); i++) {
            BadgeCriteria part = parts.get(i);
            boolean holds;
            if (part.period() == null) {
                holds = BadgeRules.met(part, stats);
                if (!holds && failure == null) {
                    failure = BadgeRules.shortfall(part.knownMetric(), part.knownMetric().valueIn(stats), part.min());
                }
            } else {
                holds = reached[i];
                if (holds) {
                    bits |= 1L << i;
                } else if (failure == null) {
                    failure = windowFailure(part, best[i]);
                }
            }
        }
        return new Result(failure == null, failure, windowed ? new WindowMemo(fingerprint, bits) : null);
    }

    /** Whether a period that contains one of {@code raised} reaches {@code part}'s minimum. */
    private static boolean reachedInPeriodsOf(Set<LocalDate> raised, BadgeCriteria part, String mentorId,
                                              ActivityDays days) {
        CalendarPeriod period = part.knownPeriod().orElseThrow();
        Set<LocalDate> starts = new TreeSet<>();
        raised.forEach(day -> starts.add(period.start(day)));
        for (LocalDate start : starts) {
            PeriodTotals[] totals = {PeriodTotals.NONE};
            days.forEachDay(mentorId, start, period.end(start), (day, bucket) -> totals[0] = totals[0].plus(bucket));
            if (part.knownMetric().valueIn(totals[0]).compareTo(part.min()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** One pass over the mentor's days in date order: each marked part's best period value into {@code best}. */
    private static void bestOfEveryPeriod(List<BadgeCriteria> parts, boolean[] marked, String mentorId,
                                          ActivityDays days, BigDecimal[] best) {
        LocalDate[] periodStart = new LocalDate[parts.size()];
        PeriodTotals[] running = new PeriodTotals[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            if (marked[i]) {
                best[i] = BigDecimal.ZERO;
                running[i] = PeriodTotals.NONE;
            }
        }
        days.forEachDay(mentorId, (day, bucket) -> {
            for (int i = 0; i < parts.size(); i++) {
                if (!marked[i]) {
                    continue;
                }
                LocalDate start = parts.get(i).knownPeriod().orElseThrow().start(day);
                if (!start.equals(periodStart[i])) {
                    periodStart[i] = start;
                    running[i] = PeriodTotals.NONE;
                }
                running[i] = running[i].plus(bucket);
                best[i] = best[i].max(parts.get(i).knownMetric().valueIn(running[i]));
            }
        });
    }

    /** {@code activity_count in one month is at most 9, below 10}. */
    private static String windowFailure(BadgeCriteria part, BigDecimal best) {
        return best == null ? "no " + part.period() + " has " + part.metric() + " of at least " + BadgeRules.plain(part.min())
                : part.metric() + " in one " + part.period() + " is at most " + BadgeRules.plain(best) + ", below "
                        + BadgeRules.plain(part.min());
    }
}

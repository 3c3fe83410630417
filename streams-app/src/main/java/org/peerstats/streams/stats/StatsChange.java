package org.peerstats.streams.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What one event did to a mentor: the new state, where the mentor's streak stood before (for the
 * index of streaks that lapse and the organisation's streak count), the days whose buckets it
 * raised or lowered (for windowed badge criteria) and those buckets before and after (for the
 * organisation's totals).
 *
 * @param before   the mentor's streak before the event, or {@code null} for a new mentor
 * @param dayEdits every day bucket the event changed, as it found and left it
 */
public record StatsChange(MentorState state, StreakMark before, DayChanges days, List<DayEdit> dayEdits) {

    public StatsChange {
        dayEdits = List.copyOf(dayEdits);
    }

    /**
     * Where a mentor's streak stood: the organisation (whose zone decides its days), the latest
     * active day and the time the stats document was computed as of.
     *
     * @param latestActiveDay {@code null} for a mentor without active days
     */
    public record StreakMark(String organisationId, LocalDate latestActiveDay, Instant computedAt) {

        static StreakMark of(MentorState state) {
            return new StreakMark(state.organisationId,
                    state.activeDays.latest().map(DayRun::end).orElse(null), state.computedAt);
        }

        /** {@link MentorState#lapseDay} of the state this mark was taken from. */
        public Optional<LocalDate> lapseDay(ZoneId zone) {
            return MentorState.lapseDay(latestActiveDay, computedAt, zone);
        }
    }
}

package org.peerstats.streams.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;
import org.peerstats.streams.clock.StreakReminder;
import org.peerstats.streams.clock.TickKind;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Follows the reminder ticks: on local day D, every mentor of the zone whose current streak of at
 * least {@link #MIN_STREAK_DAYS} days ended on D−1 (their {@code streak-lapses} entry is at D+1:
 * it breaks tonight unless they log something today) gets one {@code streak_at_risk} reminder.
 * The zone's reminder clock takes each day once, and the reminder's id is a function of mentor
 * and day, so a consumer can drop one that a replay re-sends.
 */
final class StreakReminderProcessor extends ZoneClockProcessor<StreakReminder> {

    static final int MIN_STREAK_DAYS = 2;

    StreakReminderProcessor(OrganisationZones zones) {
        super(TickKind.REMINDER, zones);
    }

    @Override
    void follow(Record<String, MentorInput> tick, ZoneId zone, LocalDate today, Optional<LocalDate> previous) {
        LocalDate breaksOn = today.plusDays(1);
        Instant startOfToday = today.atStartOfDay(zone).toInstant();
        for (StreakLapses.Lapse lapse : lapses.lapsingOn(zone, breaksOn)) {
            Optional<MentorState> state = stateOf(lapse, zone);
            if (state.isEmpty()) {
                continue;
            }
            MentorStats stats = state.get().toStats(lapse.mentorId(), startOfToday, zone);
            if (stats.currentStreakDays() >= MIN_STREAK_DAYS) {
                context().forward(new Record<>(lapse.mentorId(), new StreakReminder(
                        StreakReminder.eventIdOf(lapse.mentorId(), today), StreakReminder.Type.STREAK_AT_RISK,
                        lapse.mentorId(), stats.organisationId(), stats.currentStreakDays(), stats.streakStartedAt(),
                        today, breaksOn.atStartOfDay(zone).toInstant(), Instant.ofEpochMilli(tick.timestamp())),
                        tick.timestamp()));
            }
        }
    }
}

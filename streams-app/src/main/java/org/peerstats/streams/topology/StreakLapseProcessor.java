package org.peerstats.streams.topology;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;
import org.peerstats.streams.clock.TickKind;
import org.peerstats.streams.badges.ActivityDays;
import org.peerstats.streams.organisations.MentorContributions;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Follows the midnight ticks: at the start of a local day, every mentor of the zone whose current
 * streak ends by that day (the {@code streak-lapses} entries after the zone's previous midnight
 * and up to this one) gets a new stats document with the streak at 0, forwarded like any stats
 * change, so the badge processor revokes what no longer holds. The first midnight a task sees
 * takes every entry up to its day.
 */
final class StreakLapseProcessor extends ZoneClockProcessor<StatsUpdate> {

    /** A lapse changes no day, so the contributions never read the days. */
    private final MentorContributions contributions;

    StreakLapseProcessor(OrganisationZones zones) {
        super(TickKind.MIDNIGHT, zones);
        contributions = new MentorContributions(zones, ActivityDays.NONE);
    }

    @Override
    void follow(Record<String, MentorInput> tick, ZoneId zone, LocalDate day, Optional<LocalDate> previous) {
        for (StreakLapses.Lapse lapse : lapses.due(zone, previous, day)) {
            lapses.remove(lapse);
            Optional<MentorState> state = stateOf(lapse, zone);
            if (state.isPresent()) {
                boolean wasCurrent = state.get().lapseDay(zone).isPresent();
                MentorStats lapsed = state.get().lapse(lapse.mentorId(), lapse.day(), zone);
                StatsUpdate update = new StatsUpdate(lapsed, DayChanges.NONE,
                        contributions.ofLapse(state.get(), wasCurrent));
                save(lapse.mentorId(), state.get());
                context().forward(new Record<>(lapse.mentorId(), update, tick.timestamp()));
            }
        }
    }
}

package org.peerstats.streams.topology;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.clock.TickKind;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Follows one kind of clock tick: each zone's clock of that kind ({@code zone-clocks}) takes each
 * local day once, so a tick repeated (every instance writes them) or older than the clock
 * changes nothing; a newer one is handed to {@link #follow} and then moves the clock to its day.
 *
 * @param <V> what the processor forwards
 */
abstract class ZoneClockProcessor<V> extends ContextualProcessor<String, MentorInput, String, V> {

    private final TickKind kind;
    private final OrganisationZones zones;
    private KeyValueStore<String, MentorState> states;
    StreakLapses lapses;

    ZoneClockProcessor(TickKind kind, OrganisationZones zones) {
        this.kind = kind;
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        super.init(context);
        states = context.getStateStore(StoreNames.MENTOR_STATS);
        lapses = new StreakLapses(context.getStateStore(StoreNames.STREAK_LAPSES),
                context.getStateStore(StoreNames.ZONE_CLOCKS));
    }

    @Override
    public final void process(Record<String, MentorInput> record) {
        ClockTick tick = ((MentorInput.ClockTick) record.value()).tick();
        ZoneId zone = ZoneId.of(tick.zone());
        Optional<LocalDate> clock = lapses.clock(kind, zone);
        if (clock.isPresent() && !tick.date().isAfter(clock.get())) {
            return;
        }
        follow(record, zone, tick.date(), clock);
        lapses.advance(kind, zone, tick.date());
    }

    /** Acts on the local day {@code day} of {@code zone}, the clock of this kind being at {@code previous}. */
    abstract void follow(Record<String, MentorInput> tick, ZoneId zone, LocalDate day, Optional<LocalDate> previous);

    /**
     * The state of the lapse's mentor, when the entry is still where the mentor's stats put it; an
     * entry its mentor no longer has (the organisation's zone was reconfigured) gives nothing.
     */
    Optional<MentorState> stateOf(StreakLapses.Lapse lapse, ZoneId zone) {
        MentorState state = states.get(lapse.mentorId());
        return state != null && zones.zoneOf(state.organisationId).equals(zone)
                && state.lapseDay(zone).equals(Optional.of(lapse.day())) ? Optional.of(state) : Optional.empty();
    }

    void save(String mentorId, MentorState state) {
        states.put(mentorId, state);
    }
}

package org.peerstats.streams.detail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.topology.MentorScopedKey;
import org.peerstats.streams.topology.StoreNames;

/**
 * Applies one kind of mentor-keyed input (profile, certification, assignment change or command)
 * to the mentor's {@link MentorDetail}, storing and publishing the new document when it changed.
 * Validation runs before any store is read: an invalid record throws and is dead-lettered.
 *
 * <p>Runs in the stats sub-topology, so a command can sum the month's activity from the
 * {@code daily-activity} store (a range scan over the month's days, iterator closed).
 *
 * @param <V> the input's value type
 */
final class MentorDetailProcessor<V> extends ContextualProcessor<String, V, String, MentorDetailDocument> {

    /**
     * How one input is checked and merged.
     *
     * @param validator throws {@link org.peerstats.streams.events.InvalidEventException} for a bad record
     */
    record Input<V>(BiConsumer<String, V> validator, Merge<V> merge) {
    }

    /** Merges one input value into a mentor's detail. */
    @FunctionalInterface
    interface Merge<V> {
        MentorDetail apply(MentorDetail current, V value, Facts facts);
    }

    /**
     * What a command needs besides its value.
     *
     * @param offset   the record's offset in its partition
     * @param at       the record's timestamp
     * @param activity the month of {@code at}'s activity for a view of this mentor
     */
    record Facts(long offset, Instant at, Function<MentorView, ActivitySummary> activity) {
    }

    private final Input<V> input;
    private final OrganisationZones zones;
    private KeyValueStore<String, MentorView> views;
    private KeyValueStore<String, MentorDetailState> states;
    private KeyValueStore<MentorScopedKey, DayBucket> days;

    MentorDetailProcessor(Input<V> input, OrganisationZones zones) {
        this.input = input;
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, MentorDetailDocument> context) {
        super.init(context);
        views = context.getStateStore(DetailStoreNames.MENTOR_DETAIL_VIEW);
        states = context.getStateStore(DetailStoreNames.MENTOR_DETAIL_STATE);
        days = context.getStateStore(StoreNames.DAILY_ACTIVITY);
    }

    @Override
    public void process(Record<String, V> record) {
        input.validator().accept(record.key(), record.value());
        String mentorId = record.key();
        MentorView view = Objects.requireNonNullElse(views.get(mentorId), MentorView.EMPTY);
        MentorDetailState state = Objects.requireNonNullElse(states.get(mentorId), MentorDetailState.INITIAL);
        MentorDetail before = new MentorDetail(view, state);
        Instant at = Instant.ofEpochMilli(record.timestamp());
        long offset = context().recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        MentorDetail after = input.merge().apply(before, record.value(),
                new Facts(offset, at, mentorView -> monthActivity(mentorId, mentorView, at)));
        if (after.equals(before)) {
            return;
        }
        if (!after.view().equals(view)) {
            views.put(mentorId, after.view().holdsNothing() ? null : after.view());
        }
        if (!after.state().equals(state)) {
            states.put(mentorId, after.state().equals(MentorDetailState.INITIAL) ? null : after.state());
        }
        MentorDetailDocument document = after.holdsNothing() ? null : after.document(mentorId);
        context().forward(record.withValue(document));
    }

    /** The sessions and activities of the calendar month of {@code at}, in the mentor's organisation's zone. */
    private ActivitySummary monthActivity(String mentorId, MentorView view, Instant at) {
        ZoneId zone = zones.zoneOf(view.profile().organisationId());
        LocalDate day = LocalDate.ofInstant(at, zone);
        List<DayBucket> month = new ArrayList<>();
        try (KeyValueIterator<MentorScopedKey, DayBucket> it = days.range(
                new MentorScopedKey(mentorId, CalendarPeriod.MONTH.start(day).toString()),
                new MentorScopedKey(mentorId, CalendarPeriod.MONTH.end(day).toString()))) {
            it.forEachRemaining(entry -> month.add(entry.value));
        }
        return ActivitySummary.ofMonth(month);
    }
}

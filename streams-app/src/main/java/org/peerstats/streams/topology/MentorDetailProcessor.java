package org.peerstats.streams.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.detail.ActivitySummary;
import org.peerstats.streams.detail.MentorDetail;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailState;
import org.peerstats.streams.detail.MentorView;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Applies one kind of mentor-keyed input (profile, certification, assignment change or command),
 * validated by the ingest stage, to the mentor's {@link MentorDetail}, storing and publishing the
 * new document when it changed.
 *
 * <p>Runs in the mentors' sub-topology, so a command can sum the month's activity from the
 * {@code daily-activity} store (a range scan over the month's days, iterator closed).
 *
 * @param <V> the input's value type
 */
final class MentorDetailProcessor<V> extends ContextualProcessor<String, V, String, MentorDetailDocument> {

    /** Merges one input value into a mentor's detail. */
    @FunctionalInterface
    interface Merge<V> {
        MentorDetail apply(MentorDetail current, V value, Facts facts);
    }

    /**
     * What a command needs besides its value.
     *
     * @param at       the record's timestamp
     * @param activity the month of {@code at}'s activity for a view of this mentor
     */
    record Facts(Instant at, Function<MentorView, ActivitySummary> activity) {
    }

    private final Merge<V> merge;
    private final OrganisationZones zones;
    private KeyValueStore<String, MentorView> views;
    private KeyValueStore<String, MentorDetailState> states;
    private KeyValueStore<MentorScopedKey, DayBucket> days;

    MentorDetailProcessor(Merge<V> merge, OrganisationZones zones) {
        this.merge = merge;
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, MentorDetailDocument> context) {
        super.init(context);
        views = context.getStateStore(StoreNames.MENTOR_DETAIL_VIEW);
        states = context.getStateStore(StoreNames.MENTOR_DETAIL_STATE);
        days = context.getStateStore(StoreNames.DAILY_ACTIVITY);
    }

    @Override
    public void process(Record<String, V> record) {
        String mentorId = record.key();
        MentorView view = Objects.requireNonNullElse(views.get(mentorId), MentorView.EMPTY);
        MentorDetailState state = Objects.requireNonNullElse(states.get(mentorId), MentorDetailState.INITIAL);
        MentorDetail before = new MentorDetail(view, state);
        Instant at = Instant.ofEpochMilli(record.timestamp());
        MentorDetail after = merge.apply(before, record.value(),
                new Facts(at, mentorView -> monthActivity(mentorId, mentorView, at)));
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

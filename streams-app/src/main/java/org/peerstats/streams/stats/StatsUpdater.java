package org.peerstats.streams.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.LongStream;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.TrainingCompletionEvent;

/**
 * The rules that turn validated events into a mentor's stats (DESIGN.md section 5). Every update
 * touches only the activity's own ledger entry, its day and the mentor's totals, so its cost does
 * not grow with the mentor's history.
 *
 * <ul>
 *   <li>An upsert of a known activity takes the old version out and puts the new one in: a
 *       correction, never a double count. An identical upsert (a redelivery) changes nothing.</li>
 *   <li>A delete takes the activity out and leaves a tombstone; a later upsert of a deleted id is
 *       ignored, so a redelivered or late upsert cannot resurrect it.</li>
 *   <li>An activity counts on the calendar day of {@code occurred_at} in its organisation's zone,
 *       however late it arrives; a day that becomes active may join two streak runs, one that
 *       becomes empty splits its run.</li>
 * </ul>
 *
 * Each method returns the mentor's new state when the event changed it, or empty when it did not
 * (so nothing is published for a duplicate).
 */
public final class StatsUpdater {

    private final MentorStatsStore store;
    private final OrganisationZones zones;

    public StatsUpdater(MentorStatsStore store, OrganisationZones zones) {
        this.store = store;
        this.zones = zones;
    }

    public Optional<MentorState> apply(ActivityEvent event, Instant recordTime) {
        String mentorId = event.peerMentorId();
        Optional<LedgerEntry> known = store.activity(mentorId, event.activityId());
        if (known.filter(LedgerEntry::deleted).isPresent()) {
            return Optional.empty();
        }
        if (event.op() == EventOp.DELETE) {
            store.putActivity(mentorId, event.activityId(), LedgerEntry.TOMBSTONE);
            return known.map(previous -> {
                MentorState state = loadState(mentorId);
                retract(mentorId, event.activityId(), state, previous);
                return save(mentorId, state, recordTime);
            });
        }
        LedgerEntry next = toLedgerEntry(event);
        if (known.filter(next::equals).isPresent()) {
            return Optional.empty();
        }
        MentorState state = loadState(mentorId);
        known.ifPresent(previous -> retract(mentorId, event.activityId(), state, previous));
        count(mentorId, state, next);
        state.organisationId = event.organisationId();
        store.putActivity(mentorId, event.activityId(), next);
        return Optional.of(save(mentorId, state, recordTime));
    }

    public Optional<MentorState> apply(TrainingCompletionEvent event, Instant recordTime) {
        String mentorId = event.peerMentorId();
        MentorState state = loadState(mentorId);
        if (event.op() == EventOp.DELETE) {
            if (state.modules.remove(event.moduleId()) == null) {
                return Optional.empty();
            }
            return Optional.of(save(mentorId, state, recordTime));
        }
        Instant first = state.modules.get(event.moduleId());
        boolean changed = first == null || event.completedAt().isBefore(first)
                || !Objects.equals(state.organisationId, event.organisationId());
        if (!changed) {
            return Optional.empty();
        }
        state.modules.merge(event.moduleId(), event.completedAt(), (a, b) -> a.isBefore(b) ? a : b);
        state.organisationId = event.organisationId();
        return Optional.of(save(mentorId, state, recordTime));
    }

    private LedgerEntry toLedgerEntry(ActivityEvent event) {
        LocalDate day = event.occurredAt().atZone(zones.zoneOf(event.organisationId())).toLocalDate();
        return new LedgerEntry(event.organisationId(), event.type(), event.menteeId(), event.occurredAt(),
                event.durationMinutes(), day, false);
    }

    private void count(String mentorId, MentorState state, LedgerEntry activity) {
        DayBucket before = store.day(mentorId, activity.day()).orElse(DayBucket.EMPTY);
        store.putDay(mentorId, activity.day(), before.plus(activity));
        state.activeDays.addDay(activity.day());
        state.activityCount++;
        state.sessionCount += activity.sessionCount();
        state.totalMinutes += activity.durationMinutes();
        if (activity.menteeId() != null) {
            state.mentees.merge(activity.menteeId(), 1, Integer::sum);
        }
        if (state.lastActiveAt == null || activity.occurredAt().isAfter(state.lastActiveAt)) {
            state.lastActiveAt = activity.occurredAt();
        }
    }

    private void retract(String mentorId, String activityId, MentorState state, LedgerEntry activity) {
        DayBucket after = store.day(mentorId, activity.day()).orElse(DayBucket.EMPTY)
                .minus(activity, () -> timesOfOtherActivities(mentorId, activity.day(), activityId));
        store.putDay(mentorId, activity.day(), after);
        if (after.isEmpty()) {
            state.activeDays.removeDay(activity.day());
        }
        state.activityCount--;
        state.sessionCount -= activity.sessionCount();
        state.totalMinutes -= activity.durationMinutes();
        if (activity.menteeId() != null) {
            state.mentees.computeIfPresent(activity.menteeId(), (mentee, n) -> n > 1 ? n - 1 : null);
        }
        if (activity.occurredAt().equals(state.lastActiveAt)) {
            state.lastActiveAt = state.activeDays.latest()
                    .flatMap(run -> store.day(mentorId, run.end()))
                    .flatMap(DayBucket::latest)
                    .orElse(null);
        }
    }

    /** The times of the mentor's live activities on {@code day}, except {@code activityId}'s: a ledger scan. */
    private long[] timesOfOtherActivities(String mentorId, LocalDate day, String activityId) {
        LongStream.Builder times = LongStream.builder();
        store.forEachActivity(mentorId, (id, entry) -> {
            if (!entry.deleted() && day.equals(entry.day()) && !id.equals(activityId)) {
                times.add(entry.occurredAt().toEpochMilli());
            }
        });
        return times.build().toArray();
    }

    private MentorState loadState(String mentorId) {
        return store.state(mentorId).orElseGet(MentorState::new);
    }

    private MentorState save(String mentorId, MentorState state, Instant recordTime) {
        if (state.computedAt == null || recordTime.isAfter(state.computedAt)) {
            state.computedAt = recordTime;
        }
        store.putState(mentorId, state);
        return state;
    }
}

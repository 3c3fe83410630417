package org.peerstats.streams.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.events.MentorProfile;
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
 *   <li>An activity moved to another mentor (by the activity-owner stage) is taken out and
 *       forgotten here.</li>
 *   <li>An activity counts on the calendar day of {@code occurred_at} in its mentor's
 *       organisation's zone, however late it arrives; a day that becomes active may join two streak
 *       runs, one that becomes empty splits its run.</li>
 *   <li>A mentor has one organisation: its profile's when it has one, before any profile the first
 *       event's. An event naming another one is counted for the mentor, under the mentor's
 *       organisation, and reported as {@link InputAnomaly#ORGANISATION_MISMATCH}; only a profile
 *       moves a mentor. Days counted before a move keep the day they were counted on.</li>
 *   <li>A mentor names at most {@link Limits#MAX_DISTINCT_MENTEES} distinct mentees and completes
 *       at most {@link Limits#MAX_MODULES} modules; an event past a bound is refused whole
 *       ({@link InvalidEventException}).</li>
 * </ul>
 *
 * Each event is computed on a {@link StagedStatsStore} and written only once every check passed:
 * a refused event writes nothing. Each method returns the mentor's new state when the event
 * changed it, or empty when it did not (so nothing is published for a duplicate).
 */
public final class StatsUpdater {

    private final MentorStatsStore store;
    private final OrganisationZones zones;
    private final InputAnomaly.Listener anomalies;

    public StatsUpdater(MentorStatsStore store, OrganisationZones zones, InputAnomaly.Listener anomalies) {
        this.store = store;
        this.zones = zones;
        this.anomalies = anomalies;
    }

    public Optional<StatsChange> apply(ActivityEvent event, Instant recordTime) {
        return computeThenWrite(event.peerMentorId(), change -> change.activity(event, recordTime));
    }

    /** The activity was moved to another mentor: takes it out of this mentor's stats. */
    public Optional<StatsChange> moveAway(String mentorId, String activityId, Instant recordTime) {
        return computeThenWrite(mentorId, change -> change.movedAway(activityId, recordTime));
    }

    public Optional<StatsChange> apply(TrainingCompletionEvent event, Instant recordTime) {
        return computeThenWrite(event.peerMentorId(), change -> change.completion(event, recordTime));
    }

    /** Computes one event on staged stores, then writes what it changed; a refusal (a throw) writes nothing. */
    private Optional<StatsChange> computeThenWrite(String mentorId, Function<Change, Optional<MentorState>> event) {
        StagedStatsStore staged = new StagedStatsStore(store);
        Change change = new Change(staged, mentorId);
        Optional<MentorState> changed = event.apply(change);
        staged.commit();
        return changed.map(state -> new StatsChange(state, change.before, change.days.build(), change.edits()));
    }

    /**
     * A profile (or its deletion, {@code null}) for a mentor: a profile naming another organisation
     * moves the mentor's stats there. A mentor without stats takes the profile's organisation with
     * its first event; a deleted profile leaves the organisation as it was.
     */
    public Optional<StatsChange> apply(String mentorId, MentorProfile profile, Instant recordTime) {
        if (profile == null) {
            return Optional.empty();
        }
        return store.state(mentorId)
                .filter(state -> !profile.organisationId().equals(state.organisationId))
                .map(state -> {
                    StatsChange.StreakMark before = StatsChange.StreakMark.of(state);
                    state.organisationId = profile.organisationId();
                    return new StatsChange(save(store, mentorId, state, recordTime), before, DayChanges.NONE, List.of());
                });
    }

    /** One event's computation for one mentor, on staged stores. */
    private final class Change {

        private final StagedStatsStore staged;
        private final String mentorId;
        private final DayChanges.Builder days = new DayChanges.Builder();
        /** Each changed day's bucket as the event found it (first) and left it (last). */
        private final Map<LocalDate, DayEdit> edits = new TreeMap<>();
        /** The mentor's streak as loaded, before the event; {@code null} for a new mentor. */
        private StatsChange.StreakMark before;

        Change(StagedStatsStore staged, String mentorId) {
            this.staged = staged;
            this.mentorId = mentorId;
        }

        Optional<MentorState> activity(ActivityEvent event, Instant recordTime) {
            Optional<LedgerEntry> known = staged.activity(mentorId, event.activityId());
            if (known.filter(LedgerEntry::deleted).isPresent()) {
                // The activity-owner stage drops (and counts) an upsert of a deleted id before it
                // gets here; the ledger's tombstone makes a repeated delete a no-op.
                return Optional.empty();
            }
            if (event.op() == EventOp.DELETE) {
                staged.putActivity(mentorId, event.activityId(), LedgerEntry.TOMBSTONE);
                return known.map(previous -> {
                    MentorState state = loadState(event.organisationId());
                    retract(event.activityId(), state, previous);
                    return save(staged, mentorId, state, recordTime);
                });
            }
            MentorState state = loadState(event.organisationId());
            LedgerEntry next = toLedgerEntry(event, state.organisationId);
            if (known.filter(next::equals).isPresent()) {
                return Optional.empty();
            }
            int menteesBefore = state.mentees.size();
            known.ifPresent(previous -> retract(event.activityId(), state, previous));
            count(state, next);
            if (state.mentees.size() > Limits.MAX_DISTINCT_MENTEES && state.mentees.size() > menteesBefore) {
                throw new InvalidEventException("peer mentor '" + mentorId + "' already names "
                        + Limits.MAX_DISTINCT_MENTEES + " distinct mentees, the limit; activity '"
                        + event.activityId() + "' names another (if it was moved here from another mentor, "
                        + "it is now counted for neither: send it again under the mentor who should count it)");
            }
            noteMismatch(state, event.organisationId(), "activities");
            staged.putActivity(mentorId, event.activityId(), next);
            return Optional.of(save(staged, mentorId, state, recordTime));
        }

        Optional<MentorState> movedAway(String activityId, Instant recordTime) {
            return staged.activity(mentorId, activityId).filter(entry -> !entry.deleted()).map(previous -> {
                MentorState state = loadState(previous.organisationId());
                retract(activityId, state, previous);
                staged.removeActivity(mentorId, activityId);
                return save(staged, mentorId, state, recordTime);
            });
        }

        Optional<MentorState> completion(TrainingCompletionEvent event, Instant recordTime) {
            MentorState state = loadState(event.organisationId());
            if (event.op() == EventOp.DELETE) {
                if (state.modules.remove(event.moduleId()) == null) {
                    return Optional.empty();
                }
                return Optional.of(save(staged, mentorId, state, recordTime));
            }
            Instant first = state.modules.get(event.moduleId());
            if (first != null && !event.completedAt().isBefore(first)) {
                return Optional.empty();
            }
            if (first == null && state.modules.size() >= Limits.MAX_MODULES) {
                throw new InvalidEventException("peer mentor '" + mentorId + "' has already completed "
                        + Limits.MAX_MODULES + " modules, the limit; module '" + event.moduleId() + "' is another");
            }
            noteMismatch(state, event.organisationId(), "training-completions");
            state.modules.put(event.moduleId(), event.completedAt());
            return Optional.of(save(staged, mentorId, state, recordTime));
        }

        List<DayEdit> edits() {
            return List.copyOf(edits.values());
        }

        /** Writes the day's new bucket, remembering the bucket the event found there. */
        private void putDay(LocalDate day, DayBucket before, DayBucket after) {
            staged.putDay(mentorId, day, after);
            edits.merge(day, new DayEdit(day, before, after), (first, last) -> new DayEdit(day, first.before(), after));
        }

        /** The mentor's state; a new mentor takes its profile's organisation, else the event's. */
        private MentorState loadState(String eventOrganisation) {
            Optional<MentorState> known = staged.state(mentorId);
            if (known.isPresent()) {
                before = StatsChange.StreakMark.of(known.get());
                return known.get();
            }
            MentorState state = new MentorState();
            state.organisationId = staged.profileOrganisation(mentorId).orElse(eventOrganisation);
            return state;
        }

        private void noteMismatch(MentorState state, String eventOrganisation, String topic) {
            if (!Objects.equals(state.organisationId, eventOrganisation)) {
                anomalies.observed(InputAnomaly.ORGANISATION_MISMATCH, topic);
            }
        }

        private LedgerEntry toLedgerEntry(ActivityEvent event, String organisationId) {
            LocalDate day = event.occurredAt().atZone(zones.zoneOf(organisationId)).toLocalDate();
            return new LedgerEntry(organisationId, event.type(), event.menteeId(), event.occurredAt(),
                    event.durationMinutes(), day, false);
        }

        private void count(MentorState state, LedgerEntry activity) {
            DayBucket before = staged.day(mentorId, activity.day()).orElse(DayBucket.EMPTY);
            putDay(activity.day(), before, before.plus(activity));
            days.raised(activity.day());
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

        private void retract(String activityId, MentorState state, LedgerEntry activity) {
            DayBucket found = staged.day(mentorId, activity.day()).orElse(DayBucket.EMPTY);
            DayBucket after = found.minus(activity, () -> timesOfOtherActivities(activity.day(), activityId));
            putDay(activity.day(), found, after);
            days.lowered(activity.day());
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
                        .flatMap(run -> staged.day(mentorId, run.end()))
                        .flatMap(DayBucket::latest)
                        .orElse(null);
            }
        }

        /** The times of the mentor's live activities on {@code day}, except {@code activityId}'s: a ledger scan. */
        private long[] timesOfOtherActivities(LocalDate day, String activityId) {
            LongStream.Builder times = LongStream.builder();
            staged.forEachActivity(mentorId, (id, entry) -> {
                if (!entry.deleted() && day.equals(entry.day()) && !id.equals(activityId)) {
                    times.add(entry.occurredAt().toEpochMilli());
                }
            });
            return times.build().toArray();
        }
    }

    private static MentorState save(MentorStatsStore target, String mentorId, MentorState state, Instant recordTime) {
        if (state.computedAt == null || recordTime.isAfter(state.computedAt)) {
            state.computedAt = recordTime;
        }
        target.putState(mentorId, state);
        return state;
    }
}

package org.peerstats.streams.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorStats;

/**
 * A deliberately naive, independent model of one mentor's statistics (DESIGN.md section 5): it
 * replays the ordered list of input records, keeps every live activity whole, and computes every
 * figure from scratch when asked. It shares nothing with the production code but the record types.
 *
 * <ul>
 *   <li>An invalid record (section 4) is ignored.</li>
 *   <li>Activities: the last upsert of an id wins; a delete is final (a deleted id stays deleted,
 *       even when upserted later).</li>
 *   <li>Training: a module counts while its last valid event is an upsert; the first completion
 *       time is remembered.</li>
 *   <li>The current streak is the run ending on the latest active day when that day is today,
 *       yesterday or (for an activity accepted up to 24 h ahead of its record) later.</li>
 *   <li>An event "changes" the mentor when it changes the live set, the modules (or the first
 *       completion time of one), or the organisation; {@code computed_at} is the latest record
 *       time of such an event, and only such an event publishes a stats document.</li>
 * </ul>
 */
public final class ReferenceStats {

    private static final Duration MAX_FUTURE = Duration.ofHours(24);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final int MAX_ID = 100;

    private final String mentorId;
    private final ZoneId defaultZone;
    private final Map<String, ZoneId> zoneByOrganisation;

    /** A live activity as counted: the event and the local day it was counted on. */
    private record Counted(ActivityEvent event, String organisationId, LocalDate day) {

        boolean sameAs(Counted other) {
            return organisationId.equals(other.organisationId) && day.equals(other.day)
                    && event.type() == other.event.type() && Objects.equals(event.menteeId(), other.event.menteeId())
                    && event.occurredAt().equals(other.event.occurredAt())
                    && event.durationMinutes().equals(other.event.durationMinutes());
        }
    }

    /** Who counts an activity, across every mentor of the history. */
    private record Owner(String mentorId, Instant since, boolean deleted) {
    }

    private final Map<String, Counted> live = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final Map<String, Instant> modules = new HashMap<>();
    private final Map<String, Owner> owners = new HashMap<>();
    private String organisationId;
    private String profileOrganisation;
    private Instant computedAt;
    private boolean exists;
    private boolean lastInputChanged;

    private ReferenceStats(String mentorId, ZoneId defaultZone, Map<String, ZoneId> zoneByOrganisation) {
        this.mentorId = mentorId;
        this.defaultZone = defaultZone;
        this.zoneByOrganisation = zoneByOrganisation;
    }

    /** The model of {@code mentorId} after every record of {@code inputs}, in order. */
    public static ReferenceStats replay(List<HistoryInput> inputs, String mentorId, ZoneId defaultZone,
            Map<String, ZoneId> zoneByOrganisation) {
        ReferenceStats model = new ReferenceStats(mentorId, defaultZone, zoneByOrganisation);
        for (HistoryInput input : inputs) {
            model.lastInputChanged = model.apply(input);
        }
        return model;
    }

    /** Whether any record changed this mentor (so the topology keeps stats for them). */
    public boolean exists() {
        return exists;
    }

    /** Whether the last record replayed changed this mentor (so the topology published a document). */
    public boolean lastInputChanged() {
        return lastInputChanged;
    }

    public Instant computedAt() {
        return computedAt;
    }

    /** The mentor's one organisation: its profile's, or before any profile its first event's. */
    public String organisationId() {
        return organisationId;
    }

    // ---- replay -------------------------------------------------------------------------------

    private boolean apply(HistoryInput input) {
        if (input.topic() == HistoryInput.Topic.MENTOR_PROFILES) {
            return mentorId.equals(input.key()) && record(applyProfile((MentorProfile) input.value()),
                    input.recordTime());
        }
        if (input.value() instanceof ActivityEvent event && isValid(input.key(), event, input.recordTime())) {
            // Every mentor's activities decide who owns an id, so every one is replayed here.
            return record(applyOwned(event, input.recordTime()), input.recordTime());
        }
        if (!mentorId.equals(input.key())) {
            return false;
        }
        if (input.value() instanceof TrainingCompletionEvent event && isValid(input.key(), event, input.recordTime())) {
            return record(applyTraining(event), input.recordTime());
        }
        return false;
    }

    private boolean record(boolean changed, Instant recordTime) {
        if (changed) {
            exists = true;
            if (computedAt == null || recordTime.isAfter(computedAt)) {
                computedAt = recordTime;
            }
        }
        return changed;
    }

    /** A profile moves a mentor that has stats; one without takes it with its first event. */
    private boolean applyProfile(MentorProfile profile) {
        profileOrganisation = profile == null ? null : profile.organisationId();
        if (profile == null || !exists || profile.organisationId().equals(organisationId)) {
            return false;
        }
        organisationId = profile.organisationId();
        return true;
    }

    /**
     * One owner per activity id: an upsert under another mentor moves it unless it is older (by
     * record time) than the owner's latest upsert, or as old and from a smaller mentor id; a delete
     * goes to the owner and is for good.
     */
    private boolean applyOwned(ActivityEvent event, Instant recordTime) {
        String id = event.activityId();
        Owner owner = owners.get(id);
        if (owner != null && owner.deleted()) {
            return false;
        }
        if (event.op() == EventOp.DELETE) {
            String holder = owner == null ? event.peerMentorId() : owner.mentorId();
            owners.put(id, new Owner(holder, recordTime, true));
            return holder.equals(mentorId) && delete(id);
        }
        String to = event.peerMentorId();
        if (owner != null && !owner.mentorId().equals(to)) {
            boolean stale = recordTime.isBefore(owner.since())
                    || recordTime.equals(owner.since()) && to.compareTo(owner.mentorId()) < 0;
            if (stale) {
                return false;
            }
            owners.put(id, new Owner(to, recordTime, false));
            if (owner.mentorId().equals(mentorId)) {
                return live.remove(id) != null;
            }
        } else if (owner == null || recordTime.isAfter(owner.since())) {
            owners.put(id, new Owner(to, recordTime, false));
        }
        return to.equals(mentorId) && upsert(event);
    }

    private boolean delete(String id) {
        if (deleted.contains(id)) {
            return false;
        }
        deleted.add(id);
        return live.remove(id) != null;
    }

    private boolean upsert(ActivityEvent event) {
        if (deleted.contains(event.activityId())) {
            return false;
        }
        String organisation = organisationId != null ? organisationId
                : profileOrganisation != null ? profileOrganisation : event.organisationId();
        Counted next = new Counted(event, organisation,
                event.occurredAt().atZone(zoneOf(organisation)).toLocalDate());
        Counted previous = live.get(event.activityId());
        if (previous != null && previous.sameAs(next)) {
            return false;
        }
        live.put(event.activityId(), next);
        organisationId = organisation;
        return true;
    }

    private boolean applyTraining(TrainingCompletionEvent event) {
        String module = event.moduleId();
        if (event.op() == EventOp.DELETE) {
            return modules.remove(module) != null;
        }
        Instant first = modules.get(module);
        if (first != null && !event.completedAt().isBefore(first)) {
            return false;
        }
        modules.put(module, event.completedAt());
        if (organisationId == null) {
            organisationId = profileOrganisation != null ? profileOrganisation : event.organisationId();
        }
        return true;
    }

    // ---- validity (DESIGN.md section 4), written out again on purpose ------------------------

    /** Whether the record is a valid event (a raw string or a missing value never is). */
    public static boolean isValid(HistoryInput input) {
        if (input.topic() == HistoryInput.Topic.MENTOR_PROFILES) {
            return true;
        }
        if (input.value() instanceof ActivityEvent event) {
            return isValid(input.key(), event, input.recordTime());
        }
        if (input.value() instanceof TrainingCompletionEvent event) {
            return isValid(input.key(), event, input.recordTime());
        }
        return false;
    }

    static boolean isValid(String key, ActivityEvent e, Instant recordTime) {
        if (e.op() == null || blank(e.activityId()) || blank(e.peerMentorId()) || !e.peerMentorId().equals(key)
                || e.activityId().length() > MAX_ID || key.length() > MAX_ID) {
            return false;
        }
        if (e.op() == EventOp.DELETE) {
            return true;
        }
        return !blank(e.organisationId()) && e.type() != null && e.occurredAt() != null
                && e.durationMinutes() != null && e.durationMinutes() >= 0 && e.durationMinutes() <= 1440
                && !e.occurredAt().isAfter(recordTime.plus(MAX_FUTURE)) && !e.occurredAt().isBefore(EARLIEST)
                && (e.menteeId() == null || (!blank(e.menteeId()) && e.menteeId().length() <= MAX_ID));
    }

    static boolean isValid(String key, TrainingCompletionEvent e, Instant recordTime) {
        if (e.op() == null || blank(e.peerMentorId()) || !e.peerMentorId().equals(key) || blank(e.moduleId())) {
            return false;
        }
        if (e.op() == EventOp.DELETE) {
            return true;
        }
        return !blank(e.organisationId()) && e.completedAt() != null
                && !e.completedAt().isAfter(recordTime.plus(MAX_FUTURE)) && !e.completedAt().isBefore(EARLIEST);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- figures, from scratch ----------------------------------------------------------------

    private ZoneId zoneOf(String organisation) {
        return organisation == null ? defaultZone : zoneByOrganisation.getOrDefault(organisation, defaultZone);
    }

    /** Each active local day's activities, sessions, minutes and latest time. */
    public Map<LocalDate, DayBucket> days() {
        Map<LocalDate, List<ActivityEvent>> byDay = new TreeMap<>();
        for (Counted counted : live.values()) {
            byDay.computeIfAbsent(counted.day(), d -> new ArrayList<>()).add(counted.event());
        }
        Map<LocalDate, DayBucket> days = new TreeMap<>();
        byDay.forEach((day, events) -> {
            List<Long> times = events.stream().map(e -> e.occurredAt().toEpochMilli()).sorted().toList();
            int sessions = (int) events.stream().filter(e -> e.type() == ActivityType.SESSION).count();
            int minutes = events.stream().mapToInt(ActivityEvent::durationMinutes).sum();
            days.put(day, DayBucket.of(times, sessions, minutes));
        });
        return days;
    }

    /** The statistics as a query at {@code asOf} sees them. */
    public MentorStats statsAsOf(Instant asOf) {
        List<ActivityEvent> events = live.values().stream().map(Counted::event).toList();
        long minutes = events.stream().mapToLong(ActivityEvent::durationMinutes).sum();
        long sessions = events.stream().filter(e -> e.type() == ActivityType.SESSION).count();
        int mentees = (int) events.stream().map(ActivityEvent::menteeId).filter(Objects::nonNull)
                .distinct().count();
        Instant lastActive = events.stream().map(ActivityEvent::occurredAt).max(Instant::compareTo)
                .orElse(null);

        TreeSet<LocalDate> activeDays = new TreeSet<>();
        live.values().forEach(counted -> activeDays.add(counted.day()));
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate day : activeDays) {
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }

        ZoneId zone = zoneOf(organisationId);
        LocalDate today = asOf.atZone(zone).toLocalDate();
        int current = 0;
        Instant streakStart = null;
        if (!activeDays.isEmpty()) {
            LocalDate latest = activeDays.last();
            // DESIGN.md says "if that day is today or yesterday". An activity may be logged up to
            // 24 h ahead of its record, so the latest active day can also be after today: the run
            // is then still going too (the topology does the same; see StreakRunsTest).
            if (!latest.isBefore(today.minusDays(1))) {
                LocalDate first = latest;
                while (activeDays.contains(first.minusDays(1))) {
                    first = first.minusDays(1);
                }
                current = (int) (latest.toEpochDay() - first.toEpochDay()) + 1;
                streakStart = first.atStartOfDay(zone).toInstant();
            }
        }

        return new MentorStats(mentorId, organisationId, live.size(), sessions, mentees,
                Math.round(minutes * 100.0 / 60.0) / 100.0, minutes, modules.size(),
                modules.keySet().stream().sorted().toList(), lastActive, current, streakStart, longest, computedAt);
    }
}

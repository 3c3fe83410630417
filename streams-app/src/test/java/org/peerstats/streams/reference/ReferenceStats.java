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

    private final String mentorId;
    private final ZoneId defaultZone;
    private final Map<String, ZoneId> zoneByOrganisation;

    private final Map<String, ActivityEvent> live = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final Map<String, Instant> modules = new HashMap<>();
    private String organisationId;
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

    // ---- replay -------------------------------------------------------------------------------

    private boolean apply(HistoryInput input) {
        if (!mentorId.equals(input.key())) {
            return false;
        }
        if (input.value() instanceof ActivityEvent event && isValid(input.key(), event, input.recordTime())) {
            return record(applyActivity(event), input.recordTime());
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

    private boolean applyActivity(ActivityEvent event) {
        String id = event.activityId();
        if (deleted.contains(id)) {
            return false;
        }
        if (event.op() == EventOp.DELETE) {
            deleted.add(id);
            return live.remove(id) != null;
        }
        ActivityEvent previous = live.get(id);
        if (previous != null && sameActivity(previous, event)) {
            return false;
        }
        live.put(id, event);
        organisationId = event.organisationId();
        return true;
    }

    private static boolean sameActivity(ActivityEvent a, ActivityEvent b) {
        return a.organisationId().equals(b.organisationId()) && a.type() == b.type()
                && Objects.equals(a.menteeId(), b.menteeId()) && a.occurredAt().equals(b.occurredAt())
                && a.durationMinutes().equals(b.durationMinutes());
    }

    private boolean applyTraining(TrainingCompletionEvent event) {
        String module = event.moduleId();
        if (event.op() == EventOp.DELETE) {
            return modules.remove(module) != null;
        }
        Instant first = modules.get(module);
        boolean changed = first == null || event.completedAt().isBefore(first)
                || !event.organisationId().equals(organisationId);
        if (changed) {
            modules.put(module, first == null || event.completedAt().isBefore(first) ? event.completedAt() : first);
            organisationId = event.organisationId();
        }
        return changed;
    }

    // ---- validity (DESIGN.md section 4), written out again on purpose ------------------------

    /** Whether the record is a valid event (a raw string or a missing value never is). */
    public static boolean isValid(HistoryInput input) {
        if (input.value() instanceof ActivityEvent event) {
            return isValid(input.key(), event, input.recordTime());
        }
        if (input.value() instanceof TrainingCompletionEvent event) {
            return isValid(input.key(), event, input.recordTime());
        }
        return false;
    }

    static boolean isValid(String key, ActivityEvent e, Instant recordTime) {
        if (e.op() == null || blank(e.activityId()) || blank(e.peerMentorId()) || !e.peerMentorId().equals(key)) {
            return false;
        }
        if (e.op() == EventOp.DELETE) {
            return true;
        }
        return !blank(e.organisationId()) && e.type() != null && e.occurredAt() != null
                && e.durationMinutes() != null && e.durationMinutes() >= 0 && e.durationMinutes() <= 1440
                && !e.occurredAt().isAfter(recordTime.plus(MAX_FUTURE));
    }

    static boolean isValid(String key, TrainingCompletionEvent e, Instant recordTime) {
        if (e.op() == null || blank(e.peerMentorId()) || !e.peerMentorId().equals(key) || blank(e.moduleId())) {
            return false;
        }
        if (e.op() == EventOp.DELETE) {
            return true;
        }
        return !blank(e.organisationId()) && e.completedAt() != null
                && !e.completedAt().isAfter(recordTime.plus(MAX_FUTURE));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- figures, from scratch ----------------------------------------------------------------

    private ZoneId zoneOf(String organisation) {
        return organisation == null ? defaultZone : zoneByOrganisation.getOrDefault(organisation, defaultZone);
    }

    private LocalDate dayOf(ActivityEvent e) {
        return e.occurredAt().atZone(zoneOf(e.organisationId())).toLocalDate();
    }

    /** Each active local day's activities, sessions, minutes and latest time. */
    public Map<LocalDate, DayBucket> days() {
        Map<LocalDate, List<ActivityEvent>> byDay = new TreeMap<>();
        for (ActivityEvent e : live.values()) {
            byDay.computeIfAbsent(dayOf(e), d -> new ArrayList<>()).add(e);
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
        long minutes = live.values().stream().mapToLong(ActivityEvent::durationMinutes).sum();
        long sessions = live.values().stream().filter(e -> e.type() == ActivityType.SESSION).count();
        int mentees = (int) live.values().stream().map(ActivityEvent::menteeId).filter(Objects::nonNull)
                .distinct().count();
        Instant lastActive = live.values().stream().map(ActivityEvent::occurredAt).max(Instant::compareTo)
                .orElse(null);

        TreeSet<LocalDate> activeDays = new TreeSet<>();
        live.values().forEach(e -> activeDays.add(dayOf(e)));
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

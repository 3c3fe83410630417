package org.peerstats.bench.chaos;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * What one mentor's numbers and badge transitions must be, computed here from the events the
 * broker acknowledged, in the order they were acknowledged — independently of the service's own
 * rules (no class of {@code org.peerstats.streams.stats} or {@code .badges} is used), so a bug in
 * those rules cannot hide behind the reference.
 *
 * <p>The rules it follows are the documented ones: an upsert of a new id counts it, an upsert of a
 * counted id with other content replaces it (a correction), an identical upsert changes nothing, a
 * delete retracts the id for good (a later upsert of it is ignored); an activity counts on its
 * local day in {@link #ZONE}; after every change the default badge definitions are evaluated:
 * award when met and not held, revoke a held revocable one when no longer met.
 *
 * <p>Every method is synchronized: the producer's I/O thread applies acknowledged events while
 * the freshness probe reads.
 */
final class MentorReference {

    static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

    /** The default badge definitions that have criteria ({@code DefaultBadgeDefinitions}), restated. */
    enum Badge {
        FIRST_SESSION("bdg-def-001", true),
        STREAK_CHAMPION("bdg-def-002", false),
        TEN_ACTIVITIES("bdg-def-004", true),
        TWENTY_HOURS("bdg-def-005", true),
        FIVE_MENTEES("bdg-def-006", true);

        final String id;
        final boolean revocable;

        Badge(String id, boolean revocable) {
            this.id = id;
            this.revocable = revocable;
        }

        boolean met(Expected stats, long longestStreakDays) {
            return switch (this) {
                case FIRST_SESSION -> stats.sessionCount() >= 1;
                case STREAK_CHAMPION -> longestStreakDays >= 30;
                case TEN_ACTIVITIES -> stats.activityCount() >= 10;
                case TWENTY_HOURS -> stats.hoursCentis() >= 20_00;
                case FIVE_MENTEES -> stats.uniqueMenteesCount() >= 5;
            };
        }
    }

    /**
     * The numbers compared with the REST answer of {@code GET /api/v1/peer-mentor-stats/:id}
     * ({@code total_hours_mentored} in hundredths of an hour, as it is shown: minutes / 60, two
     * decimals, half up). The longest streak is compared at the end, from {@code /streak}.
     */
    record Expected(long activityCount, long sessionCount, long uniqueMenteesCount, long hoursCentis) {
        @Override
        public String toString() {
            return "activity_count=" + activityCount + " session_count=" + sessionCount + " unique_mentees_count="
                    + uniqueMenteesCount + " total_hours_mentored=" + BigDecimal.valueOf(hoursCentis, 2);
        }
    }

    /** A counted version of an activity: what the numbers need of it. */
    private record Counted(ActivityType type, String mentee, LocalDate day, int minutes, Instant occurredAt) {
        static Counted of(ActivityEvent event) {
            return new Counted(event.type(), event.menteeId(), event.occurredAt().atZone(ZONE).toLocalDate(),
                    event.durationMinutes(), event.occurredAt());
        }
    }

    final String mentorId;
    final String organisationId;
    final boolean hovering;

    private final Map<String, Counted> live = new HashMap<>();
    private final List<String> liveIds = new ArrayList<>();
    private final Map<String, Integer> liveIndex = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private final List<String> deletedIds = new ArrayList<>();
    private final Map<String, Integer> mentees = new HashMap<>();
    private final TreeMap<LocalDate, Integer> days = new TreeMap<>();
    private long activities;
    private long sessions;
    private long minutes;

    private final Set<Badge> held = new HashSet<>();
    private final Map<String, List<String>> transitions = new LinkedHashMap<>();

    /** The expected numbers after each acknowledged event of the live phase; index 0 is the state before it. */
    private final List<Expected> history = new ArrayList<>();
    private ActivityEvent lastAcknowledged;
    private long acknowledged;

    MentorReference(String mentorId, String organisationId, boolean hovering) {
        this.mentorId = mentorId;
        this.organisationId = organisationId;
        this.hovering = hovering;
    }

    /** Applies an event the broker acknowledged; with {@code evaluate}, the badges too, as the topology does. */
    synchronized void apply(ActivityEvent event, boolean evaluate) {
        acknowledged++;
        lastAcknowledged = event;
        String id = event.activityId();
        if (event.op() == EventOp.DELETE) {
            Counted counted = live.get(id);
            if (counted != null) {
                retract(id, counted);
            }
            if (deleted.add(id)) {
                deletedIds.add(id);
            }
        } else if (!deleted.contains(id)) {
            Counted next = Counted.of(event);
            Counted counted = live.get(id);
            if (!next.equals(counted)) {
                if (counted != null) {
                    retract(id, counted);
                }
                count(id, next);
            }
        }
        if (evaluate) {
            evaluateBadges();
        }
        if (!history.isEmpty()) {
            history.add(expected());
        }
    }

    /** Starts the history the freshness probe matches against: from now on every acknowledged event adds an entry. */
    synchronized void startHistory() {
        history.clear();
        history.add(expected());
    }

    /** The index of the latest entry of the history: what "fresh" must reach. */
    synchronized int mark() {
        return history.size() - 1;
    }

    /** Whether {@code answer} equals the expected numbers at {@code mark} or at any later acknowledged event. */
    synchronized boolean freshSince(int mark, Expected answer) {
        for (int i = history.size() - 1; i >= Math.max(0, mark); i--) {
            if (history.get(i).equals(answer)) {
                return true;
            }
        }
        return false;
    }

    synchronized void evaluateBadges() {
        Expected now = expected();
        long streak = longestStreak();
        for (Badge badge : Badge.values()) {
            boolean met = badge.met(now, streak);
            if (met && !held.contains(badge)) {
                held.add(badge);
                transitions.computeIfAbsent(badge.id, k -> new ArrayList<>()).add("badge_awarded");
            } else if (!met && held.contains(badge) && badge.revocable) {
                held.remove(badge);
                transitions.computeIfAbsent(badge.id, k -> new ArrayList<>()).add("badge_revoked");
            }
        }
    }

    private void count(String id, Counted activity) {
        live.put(id, activity);
        liveIndex.put(id, liveIds.size());
        liveIds.add(id);
        activities++;
        if (activity.type() == ActivityType.SESSION) {
            sessions++;
        }
        minutes += activity.minutes();
        if (activity.mentee() != null) {
            mentees.merge(activity.mentee(), 1, Integer::sum);
        }
        days.merge(activity.day(), 1, Integer::sum);
    }

    private void retract(String id, Counted activity) {
        live.remove(id);
        int index = liveIndex.remove(id);
        String last = liveIds.remove(liveIds.size() - 1);
        if (!last.equals(id)) {
            liveIds.set(index, last);
            liveIndex.put(last, index);
        }
        activities--;
        if (activity.type() == ActivityType.SESSION) {
            sessions--;
        }
        minutes -= activity.minutes();
        if (activity.mentee() != null) {
            mentees.merge(activity.mentee(), -1, (a, b) -> a + b == 0 ? null : a + b);
        }
        days.merge(activity.day(), -1, (a, b) -> a + b == 0 ? null : a + b);
    }

    synchronized Expected expected() {
        return new Expected(activities, sessions, mentees.size(), BigDecimal.valueOf(minutes * 100)
                .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP).longValueExact());
    }

    /** Minutes of the counted activities. */
    synchronized long minutes() {
        return minutes;
    }

    /** Badges held now. */
    synchronized int heldBadges() {
        return held.size();
    }

    /** The longest run of consecutive local days with a counted activity. */
    synchronized long longestStreak() {
        long longest = 0;
        long run = 0;
        LocalDate previous = null;
        for (LocalDate day : days.keySet()) {
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }
        return longest;
    }

    /** Entries of {@code activity-ledger} this mentor should have: counted ids and tombstones. */
    synchronized long ledgerEntries() {
        return live.size() + deleted.size();
    }

    /** Entries of {@code daily-activity}: local days with a counted activity. */
    synchronized long dayBuckets() {
        return days.size();
    }

    synchronized int liveCount() {
        return live.size();
    }

    /** A counted activity id picked by {@code index} (taken modulo the count), or null when none is counted. */
    synchronized String liveId(int index) {
        return liveIds.isEmpty() ? null : liveIds.get(Math.floorMod(index, liveIds.size()));
    }

    synchronized ActivityEvent liveVersion(String id) {
        Counted counted = live.get(id);
        return counted == null ? null : new ActivityEvent(EventOp.UPSERT, id, mentorId, organisationId, counted.type(),
                counted.mentee(), counted.occurredAt(), counted.minutes());
    }

    /** A deleted activity id picked by {@code index}, or null when none was deleted. */
    synchronized String deletedId(int index) {
        return deletedIds.isEmpty() ? null : deletedIds.get(Math.floorMod(index, deletedIds.size()));
    }

    synchronized ActivityEvent lastAcknowledged() {
        return lastAcknowledged;
    }

    synchronized long acknowledgedCount() {
        return acknowledged;
    }

    /** Per badge definition id, the transitions in the order they must be published. */
    synchronized Map<String, List<String>> transitions() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        transitions.forEach((badge, list) -> copy.put(badge, List.copyOf(list)));
        return copy;
    }
}

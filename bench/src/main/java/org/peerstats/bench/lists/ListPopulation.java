package org.peerstats.bench.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;

/**
 * The mentors the list benchmark loads, and what every list must then answer. Each mentor has a
 * profile in one of {@link #ORGANISATIONS} organisations (status active, paused or inactive) and
 * one session, which earns the default "First Session" badge; one in three also logs a long phone
 * call ("Twenty Hours"), and one in ten has the session deleted again, which revokes its First
 * Session. So the lists hold held and revoked badges, and their totals are known in advance.
 */
final class ListPopulation {

    static final int ORGANISATIONS = 10;
    static final List<String> STATUSES = List.of("active", "paused", "inactive");
    private static final String[] FIRST = {"Kari", "Ole", "Ingrid", "Lars", "Sofie", "Jonas", "Nora", "Emil", "Åse",
            "Øystein", "Hanna", "Magnus", "Ida", "Henrik", "Thea", "Sander"};
    private static final String[] LAST = {"Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg",
            "Haugen", "Hagen", "Dahl", "Lie", "Strand", "Ødegård", "Aas"};

    /** One mentor as generated. */
    record Mentor(int index, String id, String organisationId, String status, boolean longCall, boolean sessionDeleted) {
        int held() {
            return (sessionDeleted ? 0 : 1) + (longCall ? 1 : 0);
        }

        int awarded() {
            return 1 + (longCall ? 1 : 0);
        }
    }

    private final List<Mentor> mentors = new ArrayList<>();
    private final Random random = new Random(15);
    private final Instant sessionTime;

    ListPopulation(Instant sessionTime) {
        this.sessionTime = sessionTime;
    }

    static String organisation(int index) {
        return String.format("org-list-%02d", index % ORGANISATIONS + 1);
    }

    /** Mentors up to {@code count} in all; returns the new ones. */
    List<Mentor> growTo(int count) {
        List<Mentor> added = new ArrayList<>();
        for (int i = mentors.size(); i < count; i++) {
            int roll = random.nextInt(10);
            String status = roll < 8 ? "active" : roll < 9 ? "paused" : "inactive";
            Mentor mentor = new Mentor(i, String.format("pm-list-%06d", i), organisation(i), status,
                    random.nextInt(3) == 0, random.nextInt(10) == 0);
            mentors.add(mentor);
            added.add(mentor);
        }
        return added;
    }

    List<Mentor> mentors() {
        return mentors;
    }

    MentorProfile profile(Mentor mentor) {
        String name = FIRST[(mentor.index() * 7 + 3) % FIRST.length] + " " + LAST[(mentor.index() * 11) % LAST.length];
        return new MentorProfile(mentor.id(), mentor.organisationId(), name, mentor.id() + "@example.org",
                mentor.status(), "paused".equals(mentor.status()));
    }

    /** The mentor's events, in order: the session, the long call, the session's deletion. */
    List<ActivityEvent> events(Mentor mentor) {
        List<ActivityEvent> events = new ArrayList<>(3);
        String session = mentor.id() + "-s";
        events.add(new ActivityEvent(EventOp.UPSERT, session, mentor.id(), mentor.organisationId(), ActivityType.SESSION,
                "mentee-" + mentor.index(), sessionTime, 45));
        if (mentor.longCall()) {
            events.add(new ActivityEvent(EventOp.UPSERT, mentor.id() + "-c", mentor.id(), mentor.organisationId(),
                    ActivityType.PHONE_CALL, "mentee-" + mentor.index(), sessionTime.plusSeconds(3_600), 1_230));
        }
        if (mentor.sessionDeleted()) {
            events.add(new ActivityEvent(EventOp.DELETE, session, mentor.id(), null, null, null, null, null));
        }
        return events;
    }

    /** Totals every list must show: badges held and awarded, mentors, by organisation and status. */
    Totals totals() {
        Map<String, Long> held = new HashMap<>();
        Map<String, Long> awarded = new HashMap<>();
        Map<String, Long> listed = new HashMap<>();
        long heldAll = 0;
        long awardedAll = 0;
        for (Mentor mentor : mentors) {
            held.merge(mentor.organisationId(), (long) mentor.held(), Long::sum);
            awarded.merge(mentor.organisationId(), (long) mentor.awarded(), Long::sum);
            listed.merge(mentor.organisationId(), 1L, Long::sum);
            listed.merge(mentor.organisationId() + "/" + mentor.status(), 1L, Long::sum);
            heldAll += mentor.held();
            awardedAll += mentor.awarded();
        }
        return new Totals(Map.copyOf(held), Map.copyOf(awarded), Map.copyOf(listed), heldAll, awardedAll,
                mentors.size());
    }

    /**
     * @param listed by organisation, and by {@code organisation/status}
     */
    record Totals(Map<String, Long> heldByOrganisation, Map<String, Long> awardedByOrganisation,
                  Map<String, Long> listed, long held, long awarded, long mentors) {
    }
}

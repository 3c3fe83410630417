package org.peerstats.streams.reference;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.reference.HistoryInput.Topic;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Random but reproducible input histories: one to three mentors of two organisations in different
 * zones, over weeks that span the daylight-saving changes of both zones, with late events (up to
 * seven days), corrections that move activities to other days, deletes (some before their
 * upsert), exact redeliveries, training completions and deletes, activities moved to another
 * mentor (an upsert of a known id under another key), events that name the other organisation,
 * profiles that move a mentor to the other organisation (and deleted profiles), and invalid
 * records of every kind.
 */
public final class RandomHistories {

    public static final String OSLO_ORG = "org-oslo";
    public static final String NEW_YORK_ORG = "org-new-york";
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The zones as the topology is configured. */
    public static final OrganisationZones ZONES = OrganisationZones.parse(OSLO, NEW_YORK_ORG + "=" + NEW_YORK.getId());
    /** The same zones, for the reference model. */
    public static final Map<String, ZoneId> MODEL_ZONES = Map.of(OSLO_ORG, OSLO, NEW_YORK_ORG, NEW_YORK);

    /** Spring 2026: New York changes on 8 March, Oslo on 29 March. Autumn: Oslo 25 October, New York 1 November. */
    private static final List<Instant> SEASON_STARTS = List.of(
            Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-10-18T00:00:00Z"));
    /** Mentor ids of one history share prefixes on purpose ("-pm-1", "-pm-10", "-pm-100"). */
    private static final List<String> MENTOR_SUFFIXES = List.of("-pm-1", "-pm-10", "-pm-100");
    private static final ActivityType[] TYPES = {
        ActivityType.SESSION, ActivityType.SESSION, ActivityType.PHONE_CALL, ActivityType.GROUP, ActivityType.OTHER};

    /** A generated history. */
    public record History(long seed, List<String> mentors, Map<String, String> organisationOf,
            List<HistoryInput> inputs) {

        public ReferenceStats model(String mentorId, int inputCount) {
            return ReferenceStats.replay(inputs.subList(0, inputCount), mentorId, OSLO, MODEL_ZONES);
        }

        public Instant lastRecordTime() {
            return inputs.stream().map(HistoryInput::recordTime).max(Instant::compareTo).orElseThrow();
        }

        /** The inputs up to and including {@code lastIndex}, one a line, for failure messages. */
        public String describe(int lastIndex) {
            StringBuilder text = new StringBuilder("seed " + seed + ", mentors " + organisationOf + ":\n");
            for (int i = 0; i <= lastIndex && i < inputs.size(); i++) {
                text.append(String.format("  #%03d %s%n", i, inputs.get(i)));
            }
            return text.toString();
        }
    }

    private final Random random;
    private final long seed;
    private final List<String> mentors = new ArrayList<>();
    private final Map<String, String> organisationOf = new LinkedHashMap<>();
    private final Map<String, List<String>> activityIdsOf = new LinkedHashMap<>();
    private final List<HistoryInput> inputs = new ArrayList<>();
    private int nextActivity;
    private Instant now;

    private RandomHistories(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A history of 1..{@code maxInputs} records, the same for the same seed. */
    public static History generate(long seed, int maxInputs) {
        return new RandomHistories(seed).build(maxInputs);
    }

    private History build(int maxInputs) {
        int mentorCount = 1 + random.nextInt(3);
        for (int i = 0; i < mentorCount; i++) {
            String mentor = "s" + seed + MENTOR_SUFFIXES.get(i);
            mentors.add(mentor);
            organisationOf.put(mentor, random.nextBoolean() ? OSLO_ORG : NEW_YORK_ORG);
            activityIdsOf.put(mentor, new ArrayList<>());
        }
        now = SEASON_STARTS.get(random.nextInt(SEASON_STARTS.size()))
                .plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        // Some mentors log several times a day, some every other day: streaks and gaps both happen.
        int maxStepMinutes = List.of(120, 480, 1440, 2880).get(random.nextInt(4));
        int count = 1 + random.nextInt(maxInputs);
        for (int i = 0; i < count; i++) {
            now = now.plus(Duration.ofMinutes(random.nextInt(maxStepMinutes + 1)));
            String mentor = mentors.get(random.nextInt(mentors.size()));
            List<String> ids = activityIdsOf.get(mentor);
            double p = random.nextDouble();
            if (p < 0.10 && !inputs.isEmpty()) {
                redeliver();
            } else if (p < 0.20 && !ids.isEmpty()) {
                activity(mentor, pick(ids), now);
            } else if (p < 0.25) {
                delete(mentor, ids);
            } else if (p < 0.30) {
                training(mentor);
            } else if (p < 0.32) {
                send(Topic.TRAINING_COMPLETIONS, mentor,
                        new TrainingCompletionEvent(mentor, null, module(), null, EventOp.DELETE), now);
            } else if (p < 0.38) {
                invalid(mentor, ids);
            } else if (p < 0.42 && mentors.size() > 1) {
                moveActivity(mentor);
            } else if (p < 0.45) {
                profile(mentor);
            } else if (p < 0.48) {
                send(Topic.ACTIVITIES, mentor, withOrganisation(upsert(mentor, newActivityId(ids), occurredAt(),
                        minutes(), TYPES[random.nextInt(TYPES.length)]), otherOrganisation(mentor)), now);
            } else {
                activity(mentor, newActivityId(ids), now);
            }
        }
        return new History(seed, List.copyOf(mentors), Map.copyOf(organisationOf), List.copyOf(inputs));
    }

    /** A new activity id of {@code mentor}'s; ids are unique across seeds (the model test shares one driver). */
    private String newActivityId(List<String> ids) {
        String id = "s" + seed + "-act-" + nextActivity++;
        ids.add(id);
        return id;
    }

    /** Another mentor's activity upserted under {@code mentor}: it moves (or, when stale or deleted, does not). */
    private void moveActivity(String mentor) {
        List<String> others = mentors.stream().filter(other -> !other.equals(mentor))
                .flatMap(other -> activityIdsOf.get(other).stream()).toList();
        if (others.isEmpty()) {
            activity(mentor, newActivityId(activityIdsOf.get(mentor)), now);
            return;
        }
        String id = pick(others);
        activityIdsOf.get(mentor).add(id);
        // Now and then with an older record time than the current owner's: a stale move, ignored.
        Instant recordTime = random.nextInt(4) == 0 ? now.minus(Duration.ofDays(1 + random.nextInt(3))) : now;
        activity(mentor, id, recordTime);
    }

    /** A profile in either organisation (a move when it is not the mentor's), or a deleted profile. */
    private void profile(String mentor) {
        if (random.nextInt(5) == 0) {
            send(Topic.MENTOR_PROFILES, mentor, null, now);
            return;
        }
        String organisation = random.nextBoolean() ? OSLO_ORG : NEW_YORK_ORG;
        send(Topic.MENTOR_PROFILES, mentor, new MentorProfile(mentor, organisation, "Mentor " + mentor,
                mentor + "@example.org", "active", false), now);
    }

    private String otherOrganisation(String mentor) {
        return OSLO_ORG.equals(organisationOf.get(mentor)) ? NEW_YORK_ORG : OSLO_ORG;
    }

    private static ActivityEvent withOrganisation(ActivityEvent event, String organisation) {
        return new ActivityEvent(event.op(), event.activityId(), event.peerMentorId(), organisation, event.type(),
                event.menteeId(), event.occurredAt(), event.durationMinutes());
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private void send(Topic topic, String key, Object value, Instant recordTime) {
        inputs.add(new HistoryInput(topic, key, value, recordTime));
    }

    /** When an activity logged now happened: mostly within hours, often days late (up to 7). */
    private Instant occurredAt() {
        int maxLateMinutes = random.nextBoolean() ? 6 * 60 : 7 * 24 * 60;
        return now.minus(Duration.ofMinutes(random.nextInt(maxLateMinutes + 1)));
    }

    private ActivityEvent upsert(String mentor, String id, Instant occurredAt, int minutes, ActivityType type) {
        String mentee = random.nextInt(5) == 0 ? null : "mentee-" + random.nextInt(6);
        return new ActivityEvent(EventOp.UPSERT, id, mentor, organisationOf.get(mentor), type, mentee, occurredAt,
                minutes);
    }

    private int minutes() {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1440;
            default -> 5 + random.nextInt(176);
        };
    }

    /** A new activity or a correction of a known id (which usually moves it to another day). */
    private void activity(String mentor, String id, Instant recordTime) {
        send(Topic.ACTIVITIES, mentor, upsert(mentor, id, occurredAt(), minutes(), TYPES[random.nextInt(TYPES.length)]),
                recordTime);
    }

    private void delete(String mentor, List<String> ids) {
        String id;
        if (!ids.isEmpty() && random.nextInt(5) > 0) {
            id = pick(ids);
        } else {
            // A delete that arrives before its upsert: the id is upserted later, and stays out.
            id = newActivityId(ids);
        }
        send(Topic.ACTIVITIES, mentor, new ActivityEvent(EventOp.DELETE, id, mentor, null, null, null, null, null), now);
    }

    private String module() {
        return "module-" + random.nextInt(5);
    }

    private void training(String mentor) {
        send(Topic.TRAINING_COMPLETIONS, mentor, new TrainingCompletionEvent(mentor, organisationOf.get(mentor),
                module(), occurredAt(), EventOp.UPSERT), now);
    }

    /** An exact redelivery of an earlier record, with its own or a later record time. */
    private void redeliver() {
        HistoryInput earlier = pick(inputs);
        send(earlier.topic(), earlier.key(), earlier.value(), random.nextBoolean() ? earlier.recordTime() : now);
    }

    private void invalid(String mentor, List<String> ids) {
        String id = !ids.isEmpty() && random.nextBoolean() ? pick(ids) : "s" + seed + "-act-" + nextActivity++;
        ActivityType type = TYPES[random.nextInt(TYPES.length)];
        switch (random.nextInt(12)) {
            case 0 -> {
                String otherKey = mentors.size() > 1 ? pick(mentors) : "s" + seed + "-pm-stranger";
                String key = otherKey.equals(mentor) ? "s" + seed + "-pm-stranger" : otherKey;
                send(Topic.ACTIVITIES, key, upsert(mentor, id, occurredAt(), minutes(), type), now);
            }
            case 1 -> send(Topic.ACTIVITIES, mentor, upsert(mentor, id, occurredAt(),
                    random.nextBoolean() ? 1441 + random.nextInt(100) : -1 - random.nextInt(10), type), now);
            case 2 -> send(Topic.ACTIVITIES, mentor, upsert(mentor, id,
                    now.plus(Duration.ofHours(24)).plusSeconds(1 + random.nextInt(36_000)), minutes(), type), now);
            case 3 -> send(Topic.ACTIVITIES, mentor, upsert(mentor, id, occurredAt(), minutes(), null), now);
            case 4 -> send(Topic.ACTIVITIES, mentor, null, now);
            case 5 -> send(Topic.ACTIVITIES, mentor, "{\"op\":\"upsert\",\"activity_id\":\"" + id
                    + "\",\"peer_mentor_id\":\"" + mentor + "\",\"organisation_id\":\"" + organisationOf.get(mentor)
                    + "\",\"type\":\"meeting\",\"occurred_at\":\"" + occurredAt() + "\",\"duration_minutes\":30}", now);
            case 6 -> send(Topic.ACTIVITIES, mentor, "{not json", now);
            case 7 -> send(Topic.ACTIVITIES, mentor,
                    new ActivityEvent(EventOp.UPSERT, null, mentor, organisationOf.get(mentor), type, null,
                            occurredAt(), minutes()), now);
            case 8 -> send(Topic.ACTIVITIES, mentor, upsert(mentor, id, Instant.parse("1999-12-31T23:59:59Z"),
                    minutes(), type), now);
            case 9 -> send(Topic.ACTIVITIES, mentor, new ActivityEvent(EventOp.UPSERT, id, mentor,
                    organisationOf.get(mentor), type, "m".repeat(101), occurredAt(), minutes()), now);
            case 10 -> send(Topic.TRAINING_COMPLETIONS, mentor, new TrainingCompletionEvent(mentor,
                    organisationOf.get(mentor), module(), now.plus(Duration.ofDays(2)), EventOp.UPSERT), now);
            default -> send(Topic.TRAINING_COMPLETIONS, "s" + seed + "-pm-stranger", new TrainingCompletionEvent(
                    mentor, organisationOf.get(mentor), module(), occurredAt(), EventOp.UPSERT), now);
        }
    }
}

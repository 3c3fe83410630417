package org.peerstats.bench.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * The known history the chaos producer sends: mentors, a preloaded past (upserts of new ids only,
 * so every count only grows and the badges it earns do not depend on the order the topology
 * applies them in), then a live mix of new activities, corrections, deletes, redeliveries of the
 * event just acknowledged and upserts of deleted ids (which must be ignored).
 *
 * <p>One mentor in ten "hovers": its live activity count walks between 7 and 13 and each
 * activity lasts about two hours over six mentees, so Ten Activities, Twenty Hours and Five
 * Mentees are awarded and revoked again and again: the badge transitions the end check counts.
 */
final class History {

    static final String ORGANISATION = "org-chaos";
    private static final ActivityType[] TYPES = ActivityType.values();

    /** What kinds of events were generated, for the report. */
    enum Kind { NEW, CORRECTION, DELETE, REDELIVERY, UPSERT_OF_DELETED }

    private final Random random;
    private final List<MentorReference> mentors = new ArrayList<>();
    private final long[] generated = new long[Kind.values().length];
    private long nextActivity;

    History(int mentorCount, long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorReference(String.format("pm-chaos-%05d", i), ORGANISATION, i % 10 == 0));
        }
    }

    List<MentorReference> mentors() {
        return mentors;
    }

    /**
     * Hands {@code sink} {@code activities} upserts of new ids, spread over the mentors that do not
     * hover and over the year before {@code now}. Their reference is applied by the caller once
     * acknowledged.
     */
    void preload(long activities, Instant now, Consumer<ActivityEvent> sink) {
        List<MentorReference> steady = mentors.stream().filter(m -> !m.hovering).toList();
        if (steady.isEmpty()) {
            return;
        }
        for (long i = 0; i < activities; i++) {
            MentorReference mentor = steady.get((int) (i % steady.size()));
            sink.accept(newActivity(mentor, now, Duration.ofDays(365)));
        }
    }

    /** The next live event for {@code mentor}, from its acknowledged state. */
    synchronized ActivityEvent next(MentorReference mentor, Instant now) {
        int live = mentor.liveCount();
        double roll = random.nextDouble();
        // a hovering mentor walks its count between 7 and 13, across the badges' thresholds
        double news = mentor.hovering ? 0.40 : 0.62;
        double deletes = mentor.hovering ? 0.80 : 0.74;
        double corrections = mentor.hovering ? 0.90 : 0.88;
        if (live == 0 || (mentor.hovering && live <= 7) || (!(mentor.hovering && live >= 13) && roll < news)) {
            generated[Kind.NEW.ordinal()]++;
            return newActivity(mentor, now, Duration.ofDays(45));
        }
        if ((mentor.hovering && live >= 13) || roll < deletes) {
            return delete(mentor);
        }
        if (roll < corrections) {
            String id = mentor.liveId(random.nextInt(Integer.MAX_VALUE));
            ActivityEvent counted = mentor.liveVersion(id);
            generated[Kind.CORRECTION.ordinal()]++;
            int minutes = mentor.hovering ? 100 + random.nextInt(41) : counted.durationMinutes() + 1 + random.nextInt(30);
            if (minutes == counted.durationMinutes()) {
                minutes++; // a correction always changes the content
            }
            return new ActivityEvent(EventOp.UPSERT, id, mentor.mentorId, mentor.organisationId,
                    TYPES[random.nextInt(TYPES.length)], mentee(mentor),
                    now.minus(Duration.ofMinutes(random.nextInt(45 * 24 * 60))), Math.min(1440, minutes));
        }
        ActivityEvent last = mentor.lastAcknowledged();
        if (roll < 0.97 && last != null) {
            generated[Kind.REDELIVERY.ordinal()]++;
            return last;
        }
        String deletedId = mentor.deletedId(random.nextInt(Integer.MAX_VALUE));
        if (deletedId != null) {
            generated[Kind.UPSERT_OF_DELETED.ordinal()]++;
            return new ActivityEvent(EventOp.UPSERT, deletedId, mentor.mentorId, mentor.organisationId,
                    ActivityType.SESSION, mentee(mentor), now.minus(Duration.ofHours(1)), 60);
        }
        generated[Kind.NEW.ordinal()]++;
        return newActivity(mentor, now, Duration.ofDays(45));
    }

    synchronized long generated(Kind kind) {
        return generated[kind.ordinal()];
    }

    private ActivityEvent delete(MentorReference mentor) {
        String id = mentor.liveId(random.nextInt(Integer.MAX_VALUE));
        generated[Kind.DELETE.ordinal()]++;
        return new ActivityEvent(EventOp.DELETE, id, mentor.mentorId, null, null, null, null, null);
    }

    private synchronized ActivityEvent newActivity(MentorReference mentor, Instant now, Duration spread) {
        String id = mentor.mentorId + "-a" + nextActivity++;
        int minutes = mentor.hovering ? 100 + random.nextInt(41) : 15 + random.nextInt(106);
        Instant occurred = now.minus(Duration.ofMinutes(random.nextLong(spread.toMinutes())));
        return new ActivityEvent(EventOp.UPSERT, id, mentor.mentorId, mentor.organisationId,
                TYPES[random.nextInt(TYPES.length)], mentee(mentor), occurred, minutes);
    }

    private String mentee(MentorReference mentor) {
        int pool = mentor.hovering ? 6 : 40;
        return mentor.mentorId + "-mentee-" + random.nextInt(pool);
    }
}

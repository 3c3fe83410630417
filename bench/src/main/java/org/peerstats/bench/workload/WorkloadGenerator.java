package org.peerstats.bench.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * Generates a year of realistic, deterministic (seeded) activity: a few mentors very active,
 * most occasional (a Zipf-like law over mentor rank, capped at a few activities a day), days
 * picked at random so that active mentors build streaks with gaps, most activities logged within
 * hours and some days late, and a small share corrected, deleted or delivered twice.
 */
public final class WorkloadGenerator {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(10);

    private WorkloadGenerator() {
    }

    public static Workload generate(WorkloadSpec spec) {
        Random random = new Random(spec.seed());
        List<Mentor> mentors = mentors(spec, random);
        long historyDays = spec.history().toDays();
        LocalDate firstDay = spec.historyEnd().atZone(spec.zone()).toLocalDate().minusDays(historyDays);
        double years = historyDays / 365.0;
        long end = spec.historyEnd().toEpochMilli();

        List<TimedEvent> events = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        long originals = 0;
        long corrections = 0;
        long deletes = 0;
        long duplicates = 0;
        long late = 0;
        long maxLateness = 0;
        for (Mentor mentor : mentors) {
            int count = poisson(mentor.annualRate() * years, random);
            long live = 0;
            int emitted = 0;
            for (int n = 0; n < count; n++) {
                LocalDate day = firstDay.plusDays(1 + random.nextInt((int) historyDays));
                Instant occurredAt = day.atTime(LocalTime.of(8, 0)).plusMinutes(random.nextInt(13 * 60))
                        .atZone(spec.zone()).toInstant();
                Duration lateness = lateness(spec, random);
                long loggedAt = occurredAt.plus(lateness).toEpochMilli();
                if (loggedAt > end) {
                    continue; // not logged yet when the history ends
                }
                ActivityEvent original = activity(mentor, "act-" + mentor.id() + "-" + n, occurredAt, random);
                events.add(new TimedEvent(mentor.id(), original, loggedAt));
                originals++;
                emitted++;
                live++;
                if (lateness.compareTo(Duration.ofDays(1)) > 0) {
                    late++;
                }
                maxLateness = Math.max(maxLateness, lateness.toMillis());

                double u = random.nextDouble();
                Duration changeWindow = spec.maxLateness().minus(lateness);
                boolean changeable = changeWindow.compareTo(MINUTE) > 0;
                if (u < spec.correctionShare()) {
                    long at = loggedAt + between(MINUTE, changeWindow, random).toMillis();
                    if (changeable && at <= end) {
                        events.add(new TimedEvent(mentor.id(), corrected(original, random), at));
                        corrections++;
                        maxLateness = Math.max(maxLateness, at - occurredAt.toEpochMilli());
                    }
                } else if (u < spec.correctionShare() + spec.deleteShare()) {
                    long at = loggedAt + between(MINUTE, changeWindow, random).toMillis();
                    if (changeable && at <= end) {
                        events.add(new TimedEvent(mentor.id(), new ActivityEvent(EventOp.DELETE,
                                original.activityId(), mentor.id(), null, null, null, null, null), at));
                        deletes++;
                        live--;
                        maxLateness = Math.max(maxLateness, at - occurredAt.toEpochMilli());
                    }
                } else if (u < spec.correctionShare() + spec.deleteShare() + spec.duplicateShare()) {
                    long at = Math.min(end, loggedAt + between(Duration.ZERO, DUPLICATE_WINDOW, random).toMillis());
                    events.add(new TimedEvent(mentor.id(), original, at));
                    duplicates++;
                }
            }
            if (emitted > 0) {
                expected.put(mentor.id(), live);
            }
        }
        events.sort(Comparator.comparingLong(TimedEvent::timestamp));
        long first = events.isEmpty() ? end : events.get(0).timestamp();
        long last = events.isEmpty() ? end : events.get(events.size() - 1).timestamp();
        return new Workload(spec, List.copyOf(events), mentors, Collections.unmodifiableMap(expected),
                new Workload.Counts(originals, corrections, deletes, duplicates, late, maxLateness, first, last));
    }

    /** A new activity of {@code mentor} that happened at {@code occurredAt}, for live traffic. */
    public static ActivityEvent activity(Mentor mentor, String activityId, Instant occurredAt, Random random) {
        ActivityType type = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4, 5 -> ActivityType.SESSION;
            case 6, 7 -> ActivityType.PHONE_CALL;
            case 8 -> ActivityType.GROUP;
            default -> ActivityType.OTHER;
        };
        String mentee = type == ActivityType.GROUP ? null
                : "mentee-" + mentor.id().substring(3) + "-" + random.nextInt(mentor.mentees());
        int minutes = 15 + 15 * random.nextInt(12);
        return new ActivityEvent(EventOp.UPSERT, activityId, mentor.id(), mentor.organisationId(), type, mentee,
                occurredAt, minutes);
    }

    private static ActivityEvent corrected(ActivityEvent original, Random random) {
        int minutes = Math.min(1440, original.durationMinutes() + 15 * (1 + random.nextInt(4)));
        ActivityType type = random.nextBoolean() ? original.type() : ActivityType.PHONE_CALL;
        String mentee = type == ActivityType.GROUP ? null : original.menteeId();
        return new ActivityEvent(EventOp.UPSERT, original.activityId(), original.peerMentorId(),
                original.organisationId(), type, mentee, original.occurredAt(), minutes);
    }

    /**
     * Mentors in rank order with annual rates {@code min(cap, c · rank^-s)}, {@code c} chosen so
     * the rates add up to {@code activitiesPerYear}. Ids are shuffled over ranks, so activity is
     * not correlated with the id (nor with the partition).
     */
    static List<Mentor> mentors(WorkloadSpec spec, Random random) {
        int count = spec.mentors();
        double cap = spec.maxActivitiesPerDay() * 365;
        double scale = scaleFor(spec, cap);
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            numbers.add(i);
        }
        Collections.shuffle(numbers, random);
        List<Mentor> mentors = new ArrayList<>(count);
        for (int rank = 1; rank <= count; rank++) {
            int number = numbers.get(rank - 1);
            double rate = Math.min(cap, scale * Math.pow(rank, -spec.zipfExponent()));
            int mentees = (int) Math.max(1, Math.min(40, Math.round(2 + Math.sqrt(rate))));
            mentors.add(new Mentor(String.format("pm-bench-%06d", number),
                    String.format("org-bench-%02d", 1 + number % spec.organisations()), rank, rate, mentees));
        }
        return List.copyOf(mentors);
    }

    private static double scaleFor(WorkloadSpec spec, double cap) {
        double capped = cap * spec.mentors();
        if (spec.activitiesPerYear() >= capped) {
            return Double.MAX_VALUE / 2; // everyone at the cap
        }
        double low = 0;
        double high = cap * Math.pow(spec.mentors(), spec.zipfExponent());
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            double sum = 0;
            for (int rank = 1; rank <= spec.mentors(); rank++) {
                sum += Math.min(cap, mid * Math.pow(rank, -spec.zipfExponent()));
            }
            if (sum < spec.activitiesPerYear()) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** Most activities are logged within two hours, a quarter of the rest within the day, some days later. */
    private static Duration lateness(WorkloadSpec spec, Random random) {
        double u = random.nextDouble();
        if (u < spec.lateShare()) {
            return between(Duration.ofDays(1).plusMinutes(1), spec.maxLateness(), random);
        }
        if (u < spec.lateShare() + (1 - spec.lateShare()) * 0.25) {
            return between(Duration.ofHours(2), Duration.ofDays(1), random);
        }
        return between(MINUTE, Duration.ofHours(2), random);
    }

    private static Duration between(Duration low, Duration high, Random random) {
        long span = high.toMillis() - low.toMillis();
        return span <= 0 ? low : low.plusMillis((long) (random.nextDouble() * span));
    }

    private static int poisson(double lambda, Random random) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}

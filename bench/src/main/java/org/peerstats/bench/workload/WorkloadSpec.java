package org.peerstats.bench.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the generated workload looks like. Shares are per original activity: a correction, a
 * delete or a redelivery is an extra event that follows an activity.
 *
 * @param mentors             how many peer mentors exist (some get no activity at all)
 * @param organisations       how many organisations they belong to (round-robin)
 * @param activitiesPerYear   about how many original activities the whole population logs a year
 * @param historyEnd          when the year of history ends (no record is later)
 * @param history             how far back the history goes
 * @param zipfExponent        skew of activity over mentors: the mentor of rank r logs ∝ r^-s
 * @param maxActivitiesPerDay the most active mentors are capped at this many a day
 * @param correctionShare     activities later corrected (an upsert of the same id, changed)
 * @param deleteShare         activities later deleted
 * @param duplicateShare      activities delivered twice (an identical upsert seconds later)
 * @param lateShare           activities logged 1..{@code maxLateness} after they happened
 * @param maxLateness         the latest an activity is logged (and a delete or correction made)
 */
public record WorkloadSpec(
        long seed,
        int mentors,
        int organisations,
        int activitiesPerYear,
        Instant historyEnd,
        Duration history,
        double zipfExponent,
        double maxActivitiesPerDay,
        double correctionShare,
        double deleteShare,
        double duplicateShare,
        double lateShare,
        Duration maxLateness,
        ZoneId zone) {

    public WorkloadSpec {
        if (mentors < 1 || organisations < 1 || activitiesPerYear < 1) {
            throw new IllegalArgumentException("mentors, organisations and activitiesPerYear must be positive");
        }
        if (correctionShare + deleteShare + duplicateShare >= 1) {
            throw new IllegalArgumentException("correction, delete and duplicate shares must add up to less than 1");
        }
    }

    /**
     * The defaults of the benchmark: Zipf exponent 1 capped at 2.5 activities a day, 1.5 %
     * corrections, 0.5 % deletes (2 % together), 0.5 % redeliveries, 10 % logged up to 7 days
     * late, a year of history ending at {@code historyEnd}, Oslo days.
     */
    public static WorkloadSpec of(long seed, int mentors, int activitiesPerYear, Instant historyEnd) {
        return new WorkloadSpec(seed, mentors, 8, activitiesPerYear, historyEnd, Duration.ofDays(365), 1.0, 2.5,
                0.015, 0.005, 0.005, 0.10, Duration.ofDays(7), ZoneId.of("Europe/Oslo"));
    }
}

package org.peerstats.bench.workload;

import java.util.List;
import java.util.Map;

/**
 * A generated workload: every event in record-timestamp order, the mentors, and what the stats
 * must say at the end (so a run can be checked, not only timed).
 *
 * @param events                events sorted by record timestamp (the order they are produced)
 * @param mentors               every mentor, by rank (most active first)
 * @param expectedActivityCount live (not deleted) activities per mentor with any event
 */
public record Workload(
        WorkloadSpec spec,
        List<TimedEvent> events,
        List<Mentor> mentors,
        Map<String, Long> expectedActivityCount,
        Counts counts) {

    /**
     * @param late            originals logged more than a day after they happened
     * @param maxLatenessMillis the longest gap between an activity and an event about it
     */
    public record Counts(long originals, long corrections, long deletes, long duplicates, long late,
                         long maxLatenessMillis, long firstTimestamp, long lastTimestamp) {

        public long total() {
            return originals + corrections + deletes + duplicates;
        }

        /** Corrections and deletes as a share of all events. */
        public double correctionAndDeleteShare() {
            return total() == 0 ? 0 : (double) (corrections + deletes) / total();
        }
    }

    /** How many mentors have at least one event, i.e. state in the stores. */
    public int activeMentors() {
        return expectedActivityCount.size();
    }
}

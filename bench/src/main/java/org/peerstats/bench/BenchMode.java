package org.peerstats.bench;

import java.time.Duration;

/**
 * How big a benchmark run is. {@link #DEFAULT} aims to end within five minutes on a 2-core
 * machine, {@link #QUICK} within a minute (what CI runs, only to keep the harness working).
 *
 * <p>The measured workload is always a year of history with the same shape (about ten
 * activities per mentor, skewed); what varies is the number of mentors. With {@code warmUp}, a
 * small workload of {@code warmUpMentors} on topics of its own first runs through the topology
 * and the pass-through app (three times), so the JIT has compiled the hot paths before anything is
 * measured, and the topology's throughput in the last round sizes the population so that one
 * measured topology run takes about {@code targetRunSeconds}, within
 * {@code minMentors..maxMentors}. Without a warm-up, or with {@code --mentors}, the population is
 * fixed.
 *
 * @param maxRounds        the most rounds of the three throughput applications
 * @param throughputBudget no round starts that would likely end after this
 * @param runTimeout       the longest one throughput run may take to catch up
 * @param freshness        how long the freshness probes run
 * @param freshnessWarmup  how long the background load runs before the first probe (JIT, caches)
 * @param httpWarmup       unmeasured load on each endpoint before measuring
 * @param httpSlice        one measured slice; the two endpoints alternate {@code httpSlices} times
 * @param httpMaxRequests  the most requests of one slice, whatever the time
 */
public record BenchMode(
        String name,
        boolean warmUp,
        int warmUpMentors,
        int minMentors,
        int maxMentors,
        double targetRunSeconds,
        int maxRounds,
        Duration throughputBudget,
        Duration runTimeout,
        Duration freshness,
        Duration freshnessWarmup,
        int probeThreads,
        Duration httpWarmup,
        Duration httpSlice,
        int httpSlices,
        long httpMaxRequests,
        int httpClients) {

    public static final BenchMode DEFAULT = new BenchMode("default", true, 1_000, 1_000, 20_000, 10, 3,
            Duration.ofSeconds(150), Duration.ofSeconds(120), Duration.ofSeconds(20), Duration.ofSeconds(5), 2,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5), 2, 2_000_000, 32);

    public static final BenchMode QUICK = new BenchMode("quick", false, 0, 200, 200, 0, 2, Duration.ofSeconds(25),
            Duration.ofSeconds(40), Duration.ofSeconds(3), Duration.ofSeconds(1), 2, Duration.ofMillis(500),
            Duration.ofSeconds(1), 1,
            500_000, 32);

    /**
     * {@code --restore-only}: no warm-up, no service; the history of {@code maxMentors} mentors runs
     * once through the topology (exactly_once_v2) to fill its changelogs, then a fresh instance
     * restores them {@code maxRounds} times, each against a plain consumer. 30,000 mentors leave
     * 1.23 million changelog records (measured), so the restore's fixed costs do not dominate; the
     * filling run takes a few minutes, hence the long run timeout.
     */
    public static final BenchMode RESTORE_ONLY = new BenchMode("restore-only", false, 0, 30_000, 30_000, 0, 3,
            Duration.ofSeconds(900), Duration.ofSeconds(900), Duration.ZERO, Duration.ZERO, 0, Duration.ZERO,
            Duration.ZERO, 0, 0, 0);

    /**
     * {@code --peer-only}: no warm-up and no throughput; 2,000 mentors replayed by the service (not
     * timed), then the GET load as in {@link #DEFAULT} (2 s warm-up, two 5 s slices, 32 clients) on
     * the service and on the PostgreSQL peer.
     */
    public static final BenchMode PEER_ONLY = new BenchMode("peer-only", false, 0, 2_000, 2_000, 0, 0,
            Duration.ZERO, Duration.ofSeconds(120), Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(2),
            Duration.ofSeconds(5), 2, 2_000_000, 32);

    /** The same mode with a fixed population (no sizing by the warm-up). */
    public BenchMode withMentors(int count) {
        return new BenchMode(name, warmUp, warmUpMentors, count, count, targetRunSeconds, maxRounds, throughputBudget,
                runTimeout, freshness, freshnessWarmup, probeThreads, httpWarmup, httpSlice, httpSlices, httpMaxRequests, httpClients);
    }
}

package org.peerstats.gateway.query;

import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * Which mentor the request being handled on this thread is about, and the partition
 * {@link MentorRouter} found that mentor in. A store read for that mentor then asks only that
 * partition's store: without it an interactive query tries the store of every local partition in
 * turn until one has the key, which on six partitions was most of the cost of reading one mentor.
 * The topology places every mentor with {@code MentorPartitioner}, so the located partition is
 * the only one that can hold the mentor. Set only around a handler the router runs here; a read
 * for any other mentor asks every partition. Javalin handles a request on one thread, and the
 * value is always removed.
 */
public final class LocatedMentor {

    private record Located(String mentorId, int partition) {
    }

    private static final ThreadLocal<Located> CURRENT = new ThreadLocal<>();

    private LocatedMentor() {
    }

    /** The partition of {@code mentorId} if this request was routed for that mentor. */
    public static OptionalInt partitionOf(String mentorId) {
        Located located = CURRENT.get();
        return located != null && located.mentorId().equals(mentorId) ? OptionalInt.of(located.partition())
                : OptionalInt.empty();
    }

    static <T> T within(String mentorId, int partition, Callable<T> work) throws Exception {
        Located outer = CURRENT.get();
        CURRENT.set(new Located(mentorId, partition));
        try {
            return work.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}

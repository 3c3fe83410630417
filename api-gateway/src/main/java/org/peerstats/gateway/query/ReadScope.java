package org.peerstats.gateway.query;

import io.javalin.http.Context;
import java.util.OptionalInt;

/**
 * What {@link MentorRouter} found out about a request, handed down explicitly from the controller
 * to the store reads: the mentor it is about and the partition the topology placed that mentor in
 * (a read for that mentor asks only that partition's store — without it an interactive query
 * tries the store of every local partition in turn, which on six partitions was most of the cost
 * of reading one mentor), and whether a standby copy may answer (the client accepted a stale
 * answer and the owner is not reachable). The router keeps it with the request
 * ({@link #of(Context)}); a request the router did not run has {@link #ANYWHERE}.
 *
 * @param mentorId     the mentor the request was routed for; null for {@link #ANYWHERE}
 * @param partition    that mentor's partition; -1 for {@link #ANYWHERE}
 * @param staleAllowed whether standby copies may answer
 */
public record ReadScope(String mentorId, int partition, boolean staleAllowed) {

    /** No mentor located, active copies only: every local partition is asked. */
    public static final ReadScope ANYWHERE = new ReadScope(null, -1, false);

    private static final String ATTRIBUTE = "peerstats.read-scope";

    /** The scope the router gave this request, or {@link #ANYWHERE}. */
    public static ReadScope of(Context ctx) {
        ReadScope scope = ctx.attribute(ATTRIBUTE);
        return scope == null ? ANYWHERE : scope;
    }

    /** The partition of {@code peerMentorId} if the request was routed for that mentor. */
    public OptionalInt partitionOf(String peerMentorId) {
        return mentorId != null && mentorId.equals(peerMentorId) ? OptionalInt.of(partition) : OptionalInt.empty();
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}

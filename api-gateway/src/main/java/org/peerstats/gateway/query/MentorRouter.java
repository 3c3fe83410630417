package org.peerstats.gateway.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.gateway.peer.ForwardedRequest;
import org.peerstats.streams.topology.MentorPartitioner;
import org.peerstats.streams.topology.StoreNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request about one mentor on the instance that hosts that mentor's partition: here,
 * or — over HTTP, signed as from a peer ({@link RequestForwarder}) — on the instance that does
 * ({@code queryMetadataForKey} with the topology's own {@link MentorPartitioner}, remembered
 * briefly per partition: {@link PartitionOwners}). Every mentor-keyed store is partitioned by the
 * {@code mentor-inputs} topic, so one store's metadata locates them all, whatever partitioner
 * the producers of the input topics used.
 *
 * <ul>
 *   <li>While a rebalance runs the metadata is {@link KeyQueryMetadata#NOT_AVAILABLE} (its host
 *       is {@link HostInfo#unavailable()}, not null): retried briefly, then 503 with Retry-After.</li>
 *   <li>A request is forwarded at most once: one that arrives forwarded but whose partition has
 *       moved on since is answered 503 (or from a local standby copy when stale answers are
 *       accepted), never sent on again.</li>
 *   <li>When the owner cannot be reached, a GET from a client that accepts stale answers
 *       ({@value #ALLOW_STALE_HEADER}: true, or {@code ?allow_stale=true}) is answered from a
 *       standby copy — here if this instance has one, else on a standby host — and the answer
 *       carries {@value #STALE_HEADER}: true. Otherwise 503.</li>
 *   <li>A write (POST, PUT, DELETE) runs on the owner or nowhere: never on a standby, never sent
 *       a second time. One the owner did not answer in time (it may have carried it out) is
 *       answered 503 saying so; the client looks the result up, or repeats a badge award with the
 *       same {@code Idempotency-Key}.</li>
 * </ul>
 */
public final class MentorRouter {

    public static final String ALLOW_STALE_HEADER = "X-Peerstats-Allow-Stale";
    public static final String STALE_HEADER = "X-Peerstats-Stale";

    private static final Logger LOG = LoggerFactory.getLogger(MentorRouter.class);
    private static final int LOCATE_ATTEMPTS = 10;
    private static final Duration LOCATE_PAUSE = Duration.ofMillis(100);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final HostInfo self;
    private final RequestForwarder forwarder;
    private final PartitionOwners owners;

    /**
     * Routes by mentor, to the tasks of {@code mentor-stats-state}.
     *
     * @param partitions the configured partition count of {@code mentor-inputs}
     * @param forwarder  sends a request to another instance, from {@code self}
     */
    public MentorRouter(KafkaStreams streams, HostInfo self, int partitions, RequestForwarder forwarder) {
        this(streams, self, partitions, forwarder, StoreNames.MENTOR_STATS);
    }

    /**
     * Routes by the key of {@code storeName}, a store whose input topic {@link MentorPartitioner}
     * places records in ({@code organisation-stats-state}: by organisation_id, among as many
     * partitions as {@code mentor-inputs} has). Each store needs its router: the tasks of two
     * sub-topologies with the same partition may live on different instances.
     */
    public MentorRouter(KafkaStreams streams, HostInfo self, int partitions, RequestForwarder forwarder,
                        String storeName) {
        this.self = self;
        this.forwarder = forwarder;
        this.owners = new PartitionOwners(key -> owner(streams, storeName, key),
                () -> streams.state() == KafkaStreams.State.RUNNING, System::nanoTime, partitions);
    }

    private static KeyQueryMetadata owner(KafkaStreams streams, String storeName, String key) {
        LocalStoreReader.requireProcessing(streams);
        return streams.queryMetadataForKey(storeName, key, MentorPartitioner.instance());
    }

    /**
     * Wraps {@code local} so it runs on the instance that hosts the mentor {@code mentorKey} names.
     * When the key cannot be told from the request ({@code null}: a malformed body, an unknown id),
     * the request is answered here, where the handler gives the 400 or 404 it deserves.
     */
    public Handler route(Function<Context, String> mentorKey, Handler local) {
        return ctx -> {
            String mentorId = mentorKey.apply(ctx);
            if (mentorId == null) {
                local.handle(ctx);
                return;
            }
            KeyQueryMetadata owner = locate(mentorId);
            Located here = new Located(mentorId, owner.partition(), local);
            if (owner.activeHost().equals(self)) {
                here.fromActive(ctx);
                return;
            }
            if (ctx.header(ForwardedRequest.FORWARDED_BY_HEADER) != null) {
                answerForwardedElsewhere(ctx, here, owner);
                return;
            }
            try {
                forwarder.forward(ctx, owner.activeHost());
            } catch (IOException silent) {
                boolean sent = silent instanceof HttpTimeoutException;
                LOG.warn("instance {} owning partition {} {} {} {}: {}", owner.activeHost(), owner.partition(),
                        sent ? "did not answer in time" : "is unreachable for", ctx.method(), ctx.path(),
                        silent.toString());
                switch (whenOwnerSilent(ctx.method(), sent)) {
                    case TRY_A_COPY -> answerFromStandby(ctx, here, owner);
                    case REFUSE -> throw new ServiceUnavailableException("the instance holding this mentor is not "
                            + "reachable; retry shortly (a change is only ever made there)", RETRY_AFTER);
                    case REFUSE_MAYBE_DONE -> throw new ServiceUnavailableException("the instance holding this "
                            + "mentor did not answer in time; the change may have been made: look it up before you "
                            + "send it again", RETRY_AFTER);
                }
            }
        };
    }

    /** What becomes of a forwarded request that its owner did not answer. */
    enum OwnerSilent {
        /** a read: from a standby copy if the client accepts stale answers, else 503 */
        TRY_A_COPY,
        /** a write that never reached the owner: 503, retry */
        REFUSE,
        /** a write the owner received and did not answer in time: 503, and it may have been carried out */
        REFUSE_MAYBE_DONE
    }

    /**
     * Only a GET may be answered from a standby or a stale copy: a write there would run a second
     * time, or run on a copy. A write is never sent anywhere else.
     *
     * @param sent whether the request reached the owner (it timed out waiting for the answer)
     */
    static OwnerSilent whenOwnerSilent(HandlerType method, boolean sent) {
        if (method == HandlerType.GET) {
            return OwnerSilent.TRY_A_COPY;
        }
        return sent ? OwnerSilent.REFUSE_MAYBE_DONE : OwnerSilent.REFUSE;
    }

    /** The local handler of a request about a mentor this instance located, run with its {@link ReadScope}. */
    private record Located(String mentorId, int partition, Handler local) {

        void fromActive(Context ctx) throws Exception {
            new ReadScope(mentorId, partition, false).attachTo(ctx);
            local.handle(ctx);
        }

        /** From this instance's standby copy, and the answer says so. */
        void fromStandby(Context ctx) throws Exception {
            ctx.header(STALE_HEADER, "true");
            new ReadScope(mentorId, partition, true).attachTo(ctx);
            local.handle(ctx);
        }
    }

    private void answerFromStandby(Context ctx, Located local, KeyQueryMetadata owner) throws Exception {
        if (!acceptsStale(ctx)) {
            throw new ServiceUnavailableException("the instance holding this mentor is not reachable; retry "
                    + "shortly, or accept a possibly stale answer with " + ALLOW_STALE_HEADER + ": true", RETRY_AFTER);
        }
        if (owner.standbyHosts().contains(self)) {
            local.fromStandby(ctx);
            return;
        }
        Optional<HostInfo> standby = owner.standbyHosts().stream().findFirst();
        if (standby.isEmpty()) {
            throw new ServiceUnavailableException("no instance holds a copy of this mentor's data right now",
                    RETRY_AFTER);
        }
        try {
            forwarder.forward(ctx, standby.get());
        } catch (IOException e) {
            throw new ServiceUnavailableException("neither the owner nor the standby is reachable", RETRY_AFTER);
        }
    }

    /** Forwarded here, but the partition has moved on since: never forward a second time. */
    private void answerForwardedElsewhere(Context ctx, Located local, KeyQueryMetadata owner) throws Exception {
        if (ctx.method() == HandlerType.GET && acceptsStale(ctx) && owner.standbyHosts().contains(self)) {
            local.fromStandby(ctx);
            return;
        }
        throw new ServiceUnavailableException("this mentor's data has just moved to another instance; retry",
                RETRY_AFTER);
    }

    private KeyQueryMetadata locate(String mentorId) throws InterruptedException {
        for (int attempt = 1; attempt <= LOCATE_ATTEMPTS; attempt++) {
            KeyQueryMetadata metadata = owners.locate(mentorId);
            if (PartitionOwners.usable(metadata)) {
                return metadata;
            }
            Thread.sleep(LOCATE_PAUSE.toMillis());
        }
        throw new ServiceUnavailableException("the data is moving between instances (rebalance); retry shortly",
                RETRY_AFTER);
    }

    private static boolean acceptsStale(Context ctx) {
        return "true".equalsIgnoreCase(ctx.header(ALLOW_STALE_HEADER))
                || "true".equalsIgnoreCase(ctx.queryParam("allow_stale"));
    }
}

package org.peerstats.gateway.query;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.peerstats.gateway.http.ServiceUnavailableException;

/**
 * Reads this instance's state stores through interactive queries. A store can be unavailable
 * while the instance starts, restores or rebalances — and {@link InvalidStateStoreException} can
 * come from {@code get()} and from iterators too, not only from {@code store()} — so the whole
 * read is retried briefly and then answered with 503 and {@code Retry-After}. Standby copies are
 * read only when the request's {@link ReadScope} allows stale answers.
 */
public final class LocalStoreReader {

    private static final int ATTEMPTS = 5;
    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final KafkaStreams streams;

    public LocalStoreReader(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Runs {@code read} against the named store, every local partition of it, active copies only.
     * {@code read} must close any iterator it opens (try-with-resources) and copy what it needs out
     * of it.
     */
    public <S, R> R read(String storeName, QueryableStoreType<S> type, Function<S, R> read) {
        return read(ReadScope.ANYWHERE, OptionalInt.empty(), storeName, type, read);
    }

    /**
     * {@link #read(String, QueryableStoreType, Function)} as {@code scope} allows: against one
     * partition's store only when {@code partition} is known (the router located the mentor,
     * {@link ReadScope#partitionOf}), and from standby copies too when the scope allows stale answers.
     */
    public <S, R> R read(ReadScope scope, OptionalInt partition, String storeName, QueryableStoreType<S> type,
                         Function<S, R> read) {
        requireProcessing(streams);
        InvalidStateStoreException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(storeName, type);
                if (partition.isPresent()) {
                    parameters = parameters.withPartition(partition.getAsInt());
                }
                return read.apply(streams.store(scope.staleAllowed() ? parameters.enableStaleStores() : parameters));
            } catch (InvalidStateStoreException e) {
                last = e;
                pause();
            }
        }
        throw new ServiceUnavailableException("the " + storeName + " store is not available right now ("
                + (last == null ? "unknown" : last.getMessage()) + "); retry shortly", RETRY_AFTER);
    }

    /**
     * Fails with 503 once the client has stopped (ERROR after a stop by the restart policy, or
     * closing): Kafka Streams then refuses every store and metadata lookup with an
     * {@code IllegalStateException}, which would otherwise be answered 500.
     */
    static void requireProcessing(KafkaStreams streams) {
        if (!streams.state().isRunningOrRebalancing()) {
            throw new ServiceUnavailableException("this instance has stopped processing (" + streams.state()
                    + "; see /health/ready); another instance may answer", RETRY_AFTER);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting for a store", RETRY_AFTER);
        }
    }
}

package org.peerstats.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Watches a measured Kafka Streams instance: when it first reached RUNNING (System.nanoTime,
 * 0 until then) and the first failure of a stream thread, which shuts the client down.
 */
public final class StreamsWatch {

    private final AtomicLong runningAt = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private StreamsWatch() {
    }

    /** Attaches to {@code streams}; call before {@code start()}. */
    public static StreamsWatch attach(KafkaStreams streams) {
        StreamsWatch watch = new StreamsWatch();
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                watch.runningAt.compareAndSet(0, System.nanoTime());
            }
        });
        streams.setUncaughtExceptionHandler(exception -> {
            watch.failure.compareAndSet(null, exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return watch;
    }

    public long runningAt() {
        return runningAt.get();
    }

    public Throwable failure() {
        return failure.get();
    }
}

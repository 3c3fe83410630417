package org.peerstats.gateway.health;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Whether this instance processes: the Kafka Streams client RUNNING, every one of its stream
 * threads RUNNING, and not stopped by the {@link StreamThreadRestartPolicy}. The client state
 * alone says RUNNING while a thread is being replaced or is stuck starting.
 */
public final class StreamsHealth {

    private static final String RUNNING = "RUNNING";

    private final KafkaStreams streams;
    private final StreamThreadRestartPolicy restarts;

    public StreamsHealth(KafkaStreams streams, StreamThreadRestartPolicy restarts) {
        this.streams = streams;
        this.restarts = restarts;
    }

    /** What keeps this instance from being ready, in words for an operator; empty when it is ready. */
    public Optional<String> problem() {
        return problem(streams.state(), threadStates(), restarts.stoppedBecause());
    }

    /** Local stream threads not RUNNING, plus 1 while the client is in ERROR (stopped processing). */
    public int notRunning() {
        return notRunning(streams.state(), threadStates());
    }

    static Optional<String> problem(KafkaStreams.State state, Map<String, String> threadStates,
                                    Optional<String> stoppedBecause) {
        if (stoppedBecause.isPresent()) {
            return stoppedBecause;
        }
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("streams state is " + state);
        }
        String threads = threadStates.entrySet().stream()
                .filter(thread -> !RUNNING.equals(thread.getValue()))
                .map(thread -> "stream thread " + thread.getKey() + " is " + thread.getValue())
                .collect(Collectors.joining(", "));
        return threads.isEmpty() ? Optional.empty() : Optional.of(threads);
    }

    static int notRunning(KafkaStreams.State state, Map<String, String> threadStates) {
        long threads = threadStates.values().stream().filter(threadState -> !RUNNING.equals(threadState)).count();
        return (int) threads + (state == KafkaStreams.State.ERROR ? 1 : 0);
    }

    /** Thread name → state of the client's live stream threads, in name order. */
    private Map<String, String> threadStates() {
        return streams.metadataForLocalThreads().stream()
                .collect(Collectors.toMap(ThreadMetadata::threadName, ThreadMetadata::threadState,
                        (a, b) -> b, TreeMap::new));
    }
}

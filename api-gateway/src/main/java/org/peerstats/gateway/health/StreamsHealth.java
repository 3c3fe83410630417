package org.peerstats.gateway.health;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Whether this instance can serve, for a load balancer's readiness check, and what is not running,
 * for a gauge.
 *
 * <p>Ready means: the client reached RUNNING once since it started (it joined the group and
 * restored its stores and the global ones), it is not stopping or failed, no stream thread is dead
 * and the {@link StreamThreadRestartPolicy} has not stopped it. A rebalance after that does not
 * make it unready: every instance goes through each rebalance at the same time, and taking them
 * all out of the load balancer at once would turn a move of a few partitions into an outage. While
 * a rebalance runs, a request for a mentor whose partition is moving gets 503 with
 * {@code Retry-After} from the router and every other request is answered.
 */
public final class StreamsHealth implements KafkaStreams.StateListener {

    private static final String RUNNING = "RUNNING";
    /** Client states in which nothing will be served again without a restart. */
    private static final Set<State> STOPPED =
            EnumSet.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR, State.ERROR);
    /** Thread states of a thread that died or is leaving; the others are part of starting or a rebalance. */
    private static final Set<String> THREAD_GONE = Set.of("PENDING_SHUTDOWN", "DEAD");

    private final KafkaStreams streams;
    private final StreamThreadRestartPolicy restarts;
    private volatile boolean startedOnce;

    private StreamsHealth(KafkaStreams streams, StreamThreadRestartPolicy restarts) {
        this.streams = streams;
        this.restarts = restarts;
    }

    /** Watches {@code streams}' state; call before {@code start()} (it takes the client's one state listener). */
    public static StreamsHealth watch(KafkaStreams streams, StreamThreadRestartPolicy restarts) {
        StreamsHealth health = new StreamsHealth(streams, restarts);
        streams.setStateListener(health);
        return health;
    }

    @Override
    public void onChange(State newState, State oldState) {
        if (newState == State.RUNNING) {
            startedOnce = true;
        }
    }

    /** What keeps this instance from serving, in words for an operator; empty when it is ready. */
    public Optional<String> problem() {
        return problem(streams.state(), startedOnce, threadStates(), restarts.stoppedBecause());
    }

    /** The client's state, as the readiness answer reports it. */
    public State state() {
        return streams.state();
    }

    /** Local stream threads not RUNNING, plus 1 while the client is in ERROR (stopped processing). */
    public int notRunning() {
        return notRunning(streams.state(), threadStates());
    }

    static Optional<String> problem(State state, boolean startedOnce, Map<String, String> threadStates,
                                    Optional<String> stoppedBecause) {
        if (stoppedBecause.isPresent()) {
            return stoppedBecause;
        }
        if (STOPPED.contains(state)) {
            return Optional.of("streams state is " + state);
        }
        if (!startedOnce) {
            return Optional.of("starting (joining the group, restoring state): streams state is " + state);
        }
        String gone = threadStates.entrySet().stream()
                .filter(thread -> THREAD_GONE.contains(thread.getValue()))
                .map(thread -> "stream thread " + thread.getKey() + " is " + thread.getValue())
                .collect(Collectors.joining(", "));
        return gone.isEmpty() ? Optional.empty() : Optional.of(gone);
    }

    static int notRunning(State state, Map<String, String> threadStates) {
        long threads = threadStates.values().stream().filter(threadState -> !RUNNING.equals(threadState)).count();
        return (int) threads + (state == State.ERROR ? 1 : 0);
    }

    /** Thread name → state of the client's live stream threads, in name order. */
    private Map<String, String> threadStates() {
        return streams.metadataForLocalThreads().stream()
                .collect(Collectors.toMap(ThreadMetadata::threadName, ThreadMetadata::threadState,
                        (a, b) -> b, TreeMap::new));
    }
}

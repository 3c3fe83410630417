package org.peerstats.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/**
 * Readiness names what keeps the instance from serving — starting, stopping, a dead thread, a stop
 * by the restart policy — but not a rebalance; the gauge counts what is not running.
 */
class StreamsHealthTest {

    private static final Map<String, String> ALL_RUNNING = Map.of("app-StreamThread-1", "RUNNING");

    @Test
    void readyWhenTheClientAndEveryThreadRun() {
        assertEquals(Optional.empty(), StreamsHealth.problem(State.RUNNING, true, ALL_RUNNING, Optional.empty()));
        assertEquals(0, StreamsHealth.notRunning(State.RUNNING, ALL_RUNNING));
    }

    @Test
    void notReadyUntilTheFirstStartHasRestoredTheStores() {
        assertEquals(Optional.of("starting (joining the group, restoring state): streams state is REBALANCING"),
                StreamsHealth.problem(State.REBALANCING, false, Map.of("app-StreamThread-1", "PARTITIONS_ASSIGNED"),
                        Optional.empty()));
        assertEquals(Optional.of("starting (joining the group, restoring state): streams state is CREATED"),
                StreamsHealth.problem(State.CREATED, false, Map.of(), Optional.empty()));
    }

    @Test
    void aRebalanceAfterTheStartKeepsTheInstanceReadyThoughTheGaugeCountsTheThreads() {
        Map<String, String> rebalancing = Map.of("app-StreamThread-1", "PARTITIONS_REVOKED",
                "app-StreamThread-2", "PARTITIONS_ASSIGNED");

        assertEquals(Optional.empty(), StreamsHealth.problem(State.REBALANCING, true, rebalancing, Optional.empty()));
        assertEquals(2, StreamsHealth.notRunning(State.REBALANCING, rebalancing));
    }

    @Test
    void aDeadThreadIsNamedThoughTheClientSaysRunning() {
        Map<String, String> threads = Map.of("app-StreamThread-1", "RUNNING", "app-StreamThread-2", "DEAD");

        assertEquals(Optional.of("stream thread app-StreamThread-2 is DEAD"),
                StreamsHealth.problem(State.RUNNING, true, threads, Optional.empty()));
        assertEquals(1, StreamsHealth.notRunning(State.RUNNING, threads));
    }

    @Test
    void aClientThatIsStoppingOrFailedIsNamed() {
        assertEquals(Optional.of("streams state is PENDING_SHUTDOWN"),
                StreamsHealth.problem(State.PENDING_SHUTDOWN, true, ALL_RUNNING, Optional.empty()));
        assertEquals(Optional.of("streams state is ERROR"),
                StreamsHealth.problem(State.ERROR, true, Map.of(), Optional.empty()));
    }

    @Test
    void aStopByTheRestartPolicyIsNamedWithItsReasonAndCountsOnTheGauge() {
        String reason = "stopped after 4 failures in 10 min: IllegalStateException: poison activity";

        assertEquals(Optional.of(reason), StreamsHealth.problem(State.ERROR, true, Map.of(), Optional.of(reason)));
        assertEquals(1, StreamsHealth.notRunning(State.ERROR, Map.of()));
    }
}

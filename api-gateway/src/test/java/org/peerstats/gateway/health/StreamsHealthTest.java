package org.peerstats.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Readiness names what keeps the instance from processing; the gauge counts what is not running. */
class StreamsHealthTest {

    private static final Map<String, String> ALL_RUNNING = Map.of("app-StreamThread-1", "RUNNING");

    @Test
    void readyWhenTheClientAndEveryThreadRun() {
        assertEquals(Optional.empty(), StreamsHealth.problem(State.RUNNING, ALL_RUNNING, Optional.empty()));
        assertEquals(0, StreamsHealth.notRunning(State.RUNNING, ALL_RUNNING));
    }

    @Test
    void aThreadThatIsNotRunningIsNamedThoughTheClientSaysRunning() {
        Map<String, String> threads = Map.of("app-StreamThread-1", "RUNNING", "app-StreamThread-2", "STARTING");

        assertEquals(Optional.of("stream thread app-StreamThread-2 is STARTING"),
                StreamsHealth.problem(State.RUNNING, threads, Optional.empty()));
        assertEquals(1, StreamsHealth.notRunning(State.RUNNING, threads));
    }

    @Test
    void aClientThatIsNotRunningIsNamed() {
        assertEquals(Optional.of("streams state is REBALANCING"),
                StreamsHealth.problem(State.REBALANCING, ALL_RUNNING, Optional.empty()));
    }

    @Test
    void aStopByTheRestartPolicyIsNamedWithItsReasonAndCountsOnTheGauge() {
        String reason = "stopped after 4 failures in 10 min: IllegalStateException: poison activity";

        assertEquals(Optional.of(reason), StreamsHealth.problem(State.ERROR, Map.of(), Optional.of(reason)));
        assertEquals(1, StreamsHealth.notRunning(State.ERROR, Map.of()));
    }
}

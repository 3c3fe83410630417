package org.peerstats.gateway.health;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.MutableClock;

/** A failed stream thread is replaced a bounded number of times within a window, then the client stops. */
class StreamThreadRestartPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-26T12:00:00Z"));
    private final StreamThreadRestartPolicy policy =
            new StreamThreadRestartPolicy(3, StreamThreadRestartPolicy.WINDOW, clock);

    @Test
    void aThreadIsReplacedThreeTimesWithinTenMinutesAndTheFourthFailureStopsTheClient() {
        assertEquals(REPLACE_THREAD, policy.handle(bug()));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(REPLACE_THREAD, policy.handle(bug()));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(REPLACE_THREAD, policy.handle(bug()));
        assertEquals(Optional.empty(), policy.stoppedBecause());

        clock.advance(Duration.ofMinutes(3));
        assertEquals(SHUTDOWN_CLIENT, policy.handle(bug()));
        assertEquals(Optional.of("stopped after 4 failures in 10 min: IllegalStateException: poison activity"),
                policy.stoppedBecause());
        assertEquals(4, policy.failures());
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        policy.handle(bug());
        policy.handle(bug());
        policy.handle(bug());
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertEquals(REPLACE_THREAD, policy.handle(bug()));
        assertEquals(Optional.empty(), policy.stoppedBecause());
        assertEquals(4, policy.failures());
    }

    @Test
    void onceStoppedItStaysStoppedWithTheFirstReason() {
        StreamThreadRestartPolicy none = new StreamThreadRestartPolicy(0, StreamThreadRestartPolicy.WINDOW, clock);

        assertEquals(SHUTDOWN_CLIENT, none.handle(bug()));
        clock.advance(Duration.ofHours(1));
        assertEquals(SHUTDOWN_CLIENT, none.handle(new IllegalArgumentException("another")));
        assertEquals(Optional.of("stopped after 1 failure in 10 min: IllegalStateException: poison activity"),
                none.stoppedBecause());
        assertEquals(2, none.failures());
    }

    @Test
    void aFencedInstanceIdIsReplacedLikeAnyFailureForABrokerRestartCanCauseIt() {
        Throwable fenced = new StreamsException(new FencedInstanceIdException("The broker rejected this static "
                + "consumer since another consumer with the same group.instance.id has registered"));

        assertEquals(REPLACE_THREAD, policy.handle(fenced));
        assertEquals(Optional.empty(), policy.stoppedBecause());
        assertEquals(1, policy.failures());
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new StreamThreadRestartPolicy(-1, StreamThreadRestartPolicy.WINDOW, clock));
    }

    /** As a stream thread dies of a bug: Kafka Streams' wrapping around the processor's exception. */
    private static Throwable bug() {
        return new StreamsException("Exception caught in process",
                new StreamsException("failed processing", new IllegalStateException("poison activity")));
    }
}

package org.peerstats.gateway.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies of an exception: replace it, at most {@code restarts}
 * times within {@link #WINDOW}; at the next failure within the window stop this client's
 * processing ({@code SHUTDOWN_CLIENT}, not {@code SHUTDOWN_APPLICATION}: other instances decide
 * for themselves). A bug that strikes the same record every time then stops processing, loudly,
 * instead of looping through replacements for ever. Failures of any of the client's stream
 * threads count together (a replacement thread has a new name).
 *
 * <p>{@link FencedInstanceIdException} — the group coordinator says another consumer holds this
 * member's {@code group.instance.id} — is handled like any failure, and explained in the log. It
 * is not proof of a configuration error: besides two instances given one id (the same
 * {@code PEERSTATS_INSTANCE_ID}, or a copied data directory), the chaos suite saw it right after
 * the broker holding the group coordinator was SIGKILLed and restarted, sent to an instance that
 * had itself replaced its own killed predecessor under that id (the coordinator came back with the
 * predecessor's member id). Stopping there would turn a broker restart into an outage; the
 * replacement thread rejoins — under the next thread index, {@code <id>-2} — and serves on.
 */
public final class StreamThreadRestartPolicy implements StreamsUncaughtExceptionHandler {

    public static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRestartPolicy.class);

    private final int restarts;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private long failures;
    private String stoppedBecause;

    /** @param restarts how many replacements within {@code window}; 0 stops at the first failure */
    public StreamThreadRestartPolicy(int restarts, Duration window, Clock clock) {
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be at least 0, not " + restarts);
        }
        this.restarts = restarts;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        failures++;
        if (isFenced(exception)) {
            LOG.error("the group coordinator fenced this stream thread's group.instance.id: another consumer holds "
                    + "it. Either two instances run with one id (give every instance its own PEERSTATS_INSTANCE_ID "
                    + "and data directory) or the coordinator moved and came back with an older member for it; the "
                    + "thread is replaced below and rejoins under the next thread index");
        }
        recentFailures.addLast(now);
        while (recentFailures.getFirst().isBefore(now.minus(window))) {
            recentFailures.removeFirst();
        }
        if (stoppedBecause == null && recentFailures.size() <= restarts) {
            LOG.error("stream thread failed; replacing it (replacement {} of at most {} within {})",
                    recentFailures.size(), restarts, minutes(window), exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        if (stoppedBecause == null) {
            int count = recentFailures.size();
            stoppedBecause = "stopped after " + count + (count == 1 ? " failure" : " failures") + " in "
                    + minutes(window) + ": " + describe(rootCause(exception));
        }
        LOG.error("stream thread failed; {}: this instance processes nothing until it is restarted (fix the cause "
                + "first: the failed record is processed again)", stoppedBecause, exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Why this policy stopped the client, once it has. */
    public synchronized Optional<String> stoppedBecause() {
        return Optional.ofNullable(stoppedBecause);
    }

    /** How many stream thread failures this policy has seen since the start. */
    public synchronized long failures() {
        return failures;
    }

    private static boolean isFenced(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FencedInstanceIdException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable exception) {
        return exception.getClass().getSimpleName()
                + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " min";
    }
}

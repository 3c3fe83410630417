package org.peerstats.gateway.live;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser's stream. The feed's thread only queues (it must never wait for a slow client);
 * the writes run on the shared writer pool, one drain at a time per stream, so the events of a
 * stream go out in the order they came. A client that falls {@link #CAPACITY} events behind is
 * told so ({@code end} with reason {@code too_slow}) and closed: it reconnects and reloads, which
 * is cheaper than buffering without bound.
 */
final class LiveStream {

    static final int CAPACITY = 1_000;
    /** The comment that keeps proxies and Jetty's idle timeout from closing a quiet stream. */
    static final LiveEvent HEARTBEAT = new LiveEvent("-", ":", "");

    private final SseClient client;
    private final Executor writers;
    private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile String endReason;

    LiveStream(SseClient client, Executor writers) {
        this.client = client;
        this.writers = writers;
    }

    /** Queues an event; never blocks. */
    void offer(LiveEvent event) {
        if (!queue.offer(event)) {
            end("too_slow");
            return;
        }
        schedule();
    }

    /** Sends {@code end} after what is queued, then closes the stream. */
    void end(String reason) {
        if (ending.compareAndSet(false, true)) {
            endReason = reason;
            schedule();
        }
    }

    boolean closed() {
        return client.terminated();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        try {
            LiveEvent event;
            while (!client.terminated() && (event = queue.poll()) != null) {
                if (event == HEARTBEAT) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent(event.name(), event.json());
                }
            }
            if (endReason != null && !client.terminated()) {
                client.sendEvent("end", "{\"reason\":\"" + endReason + "\"}");
                client.close();
            }
        } finally {
            draining.set(false);
        }
        // an event queued after the loop's last poll, before draining was released
        if (!client.terminated() && (!queue.isEmpty() || endReason != null)) {
            schedule();
        }
    }
}

package org.peerstats.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One stream's queue over real HTTP (Javalin's SSE, read by a real client): events go out in
 * order, and a client that falls a whole queue behind is ended with {@code too_slow} rather
 * than buffered without bound. The writer pool is held back by hand, so "behind" is exact.
 */
class LiveStreamTest {

    /** Runs nothing until {@link #release}: the stream's drain waits like a slow client's. */
    private static final class HeldExecutor implements Executor {
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void release() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private SseStream streamTo(HeldExecutor writers, AtomicReference<LiveStream> opened, CountDownLatch open) {
        server = Javalin.create(config -> config.routes.get("/stream", ctx -> new SseHandler(0, client -> {
            client.keepAlive();
            opened.set(new LiveStream(client, writers));
            open.countDown();
        }).handle(ctx))).start(0);
        return SseStream.open(server.port(), "/stream", "unused");
    }

    @Test
    void aClientAWholeQueueBehindGetsEndTooSlowAfterWhatWasQueuedInOrder() throws Exception {
        HeldExecutor writers = new HeldExecutor();
        AtomicReference<LiveStream> opened = new AtomicReference<>();
        CountDownLatch open = new CountDownLatch(1);
        try (SseStream client = streamTo(writers, opened, open)) {
            assertTrue(open.await(10, TimeUnit.SECONDS));
            LiveStream stream = opened.get();
            for (int i = 0; i < LiveStream.CAPACITY + 5; i++) {
                stream.offer(new LiveEvent("org-a", "stats", "{\"n\":" + i + "}"));
            }
            writers.release();

            SseStream.Event end = client.await(e -> e.name().equals("end"), Duration.ofSeconds(20));
            assertEquals("too_slow", end.data().get("reason").asText());
            List<SseStream.Event> events = client.seen();
            assertEquals(LiveStream.CAPACITY + 1, events.size(), "the queued events, then end; the overflow dropped");
            for (int i = 0; i < LiveStream.CAPACITY; i++) {
                assertEquals(i, events.get(i).data().get("n").asInt(), "in the order offered");
            }
            assertTrue(stream.closed(), "the server closed the stream after end");
        }
    }

    @Test
    void anEndedStreamSendsWhatWasQueuedThenItsReasonAndHeartbeatsAreNoEvents() throws Exception {
        HeldExecutor writers = new HeldExecutor();
        AtomicReference<LiveStream> opened = new AtomicReference<>();
        CountDownLatch open = new CountDownLatch(1);
        try (SseStream client = streamTo(writers, opened, open)) {
            assertTrue(open.await(10, TimeUnit.SECONDS));
            LiveStream stream = opened.get();
            stream.offer(new LiveEvent("org-a", "ready", "{\"organisation_id\":\"org-a\"}"));
            stream.offer(LiveStream.HEARTBEAT);
            stream.offer(new LiveEvent("org-a", "badge_awarded", "{\"badge_name\":\"First Session\"}"));
            stream.end("stream_lifetime");
            stream.offer(new LiveEvent("org-a", "stats", "{\"late\":true}"));
            writers.release();

            SseStream.Event end = client.await(e -> e.name().equals("end"), Duration.ofSeconds(20));
            assertEquals("stream_lifetime", end.data().get("reason").asText());
            assertEquals(List.of("ready", "badge_awarded", "stats", "end"),
                    client.seen().stream().map(SseStream.Event::name).toList(),
                    "what was queued before the end went out (the heartbeat is a comment, not an event)");
        }
    }
}

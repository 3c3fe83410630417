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

    private final HeldExecutor writers = new HeldExecutor();
    private Javalin server;
    private SseStream client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** A server whose one route opens a LiveStream on the held writers, a client reading it: the server's side. */
    private LiveStream openStream() throws InterruptedException {
        AtomicReference<LiveStream> opened = new AtomicReference<>();
        CountDownLatch open = new CountDownLatch(1);
        server = Javalin.create(config -> config.routes.get("/stream", ctx -> new SseHandler(0, sse -> {
            sse.keepAlive();
            opened.set(new LiveStream(sse, writers));
            open.countDown();
        }).handle(ctx))).start(0);
        client = SseStream.open(server.port(), "/stream", "unused");
        assertTrue(open.await(10, TimeUnit.SECONDS), "the stream opened");
        return opened.get();
    }

    @Test
    void aClientAWholeQueueBehindGetsEndTooSlowAfterWhatWasQueuedInOrder() throws Exception {
        LiveStream stream = openStream();
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

    @Test
    void anEndedStreamSendsWhatWasQueuedThenItsReasonAndHeartbeatsAreNoEvents() throws Exception {
        LiveStream stream = openStream();
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

package org.peerstats.bench.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the history with {@code acks=all} and idempotence, and applies an event to its mentor's
 * reference only once the broker acknowledged it.
 *
 * <p>The live phase sends in steps: each step takes a set of distinct mentors, one event each, and
 * waits for every acknowledgement before the next step, so a mentor never has two events in
 * flight and the reference applies each mentor's events in the order the broker holds them. An
 * event that was not acknowledged (the broker was down, a send or its delivery timed out) is sent
 * again — the same event, same id and content — before anything else of its mentor, by a new
 * producer: it may have been written after all, so the service must take the second copy as the
 * redelivery it is.
 */
final class ChaosProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosProducer.class);

    private final String bootstrapServers;
    private final Topics.Topic<String, ActivityEvent> topic;
    private final History history;
    private final int eventsPerSecond;
    private final Map<MentorReference, ActivityEvent> unacknowledged = new HashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicReference<Throwable> crashed = new AtomicReference<>();
    private KafkaProducer<String, ActivityEvent> producer;
    private Thread thread;
    private volatile boolean running;

    ChaosProducer(String bootstrapServers, Topics.Topic<String, ActivityEvent> topic, History history,
                  int eventsPerSecond) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.history = history;
        this.eventsPerSecond = eventsPerSecond;
    }

    private KafkaProducer<String, ActivityEvent> newProducer(boolean bulk) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, bulk ? 20 : 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, bulk ? 120_000 : 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, bulk ? 120_000 : 10_000));
        if (bulk) {
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        }
        return new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * Sends the preloaded past with many records in flight (upserts of new ids: their order does
     * not matter), applies each acknowledged one to the reference, and evaluates every mentor's
     * badges once at the end. Any failure fails the run: nothing is being killed yet.
     */
    long preload(long activities) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        Map<String, MentorReference> byId = new HashMap<>();
        history.mentors().forEach(m -> byId.put(m.mentorId, m));
        long started = System.nanoTime();
        try (KafkaProducer<String, ActivityEvent> bulk = newProducer(true)) {
            history.preload(activities, Instant.now(), event -> bulk.send(
                    new ProducerRecord<>(topic.name(), event.peerMentorId(), event), (metadata, exception) -> {
                        if (exception != null) {
                            failure.compareAndSet(null, exception);
                        } else {
                            byId.get(event.peerMentorId()).apply(event, false);
                            long n = done.incrementAndGet();
                            if (n % 200_000 == 0) {
                                LOG.info("preload: {} of {} activities acknowledged", n, activities);
                            }
                        }
                    }));
            bulk.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading failed: " + failure.get(), failure.get());
        }
        history.mentors().forEach(MentorReference::evaluateBadges);
        LOG.info("preload: {} activities acknowledged in {} s", done.get(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return done.get();
    }

    /** Starts the live phase on a thread of its own. */
    void start() {
        history.mentors().forEach(MentorReference::startHistory);
        running = true;
        thread = new Thread(this::loop, "chaos-producer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        List<MentorReference> mentors = new ArrayList<>(history.mentors());
        int perStep = Math.max(1, Math.min(mentors.size(), eventsPerSecond / 10));
        try {
            while (running) {
                long stepStarted = System.nanoTime();
                Collections.shuffle(mentors);
                List<MentorReference> chosen = new ArrayList<>();
                synchronized (unacknowledged) {
                    chosen.addAll(unacknowledged.keySet()); // what was not acknowledged goes first
                }
                int target = Math.max(perStep, chosen.size());
                for (MentorReference mentor : mentors) {
                    if (chosen.size() >= target) {
                        break;
                    }
                    if (!chosen.contains(mentor)) {
                        chosen.add(mentor);
                    }
                }
                step(chosen);
                long sleep = 100 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stepStarted);
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            crashed.set(t);
            LOG.error("the chaos producer failed", t);
        }
    }

    /** One step: one event per mentor, all acknowledged or kept for the next step. */
    private void step(List<MentorReference> chosen) {
        if (producer == null) {
            producer = newProducer(false);
        }
        Instant now = Instant.now();
        List<ActivityEvent> events = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (MentorReference mentor : chosen) {
            ActivityEvent event;
            synchronized (unacknowledged) {
                event = unacknowledged.remove(mentor);
            }
            if (event != null) {
                resent.incrementAndGet();
            } else {
                event = history.next(mentor, now);
            }
            events.add(event);
            try {
                sends.add(producer.send(new ProducerRecord<>(topic.name(), event.peerMentorId(), event)));
            } catch (RuntimeException e) { // metadata not available within max.block.ms: the broker is down
                sends.add(null);
            }
        }
        boolean anyFailed = false;
        for (int i = 0; i < events.size(); i++) {
            MentorReference mentor = chosen.get(i);
            boolean ok = false;
            if (sends.get(i) != null) {
                try {
                    sends.get(i).get();
                    ok = true;
                } catch (Exception notAcknowledged) {
                    // counted below; the same event is sent again
                }
            }
            if (ok) {
                mentor.apply(events.get(i), true);
                acknowledged.incrementAndGet();
            } else {
                anyFailed = true;
                failedSends.incrementAndGet();
                synchronized (unacknowledged) {
                    unacknowledged.put(mentor, events.get(i));
                }
            }
        }
        if (anyFailed) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Stops generating new events, then sends whatever is unacknowledged until the broker took it (at most {@code patience}). */
    void stopAndDrain(Duration patience) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (unacknowledgedCount() > 0 && System.nanoTime() < deadline) {
            List<MentorReference> pending;
            synchronized (unacknowledged) {
                pending = new ArrayList<>(unacknowledged.keySet());
            }
            step(pending);
        }
        if (crashed.get() != null) {
            throw new IllegalStateException("the chaos producer failed: " + crashed.get(), crashed.get());
        }
    }

    int unacknowledgedCount() {
        synchronized (unacknowledged) {
            return unacknowledged.size();
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    long resent() {
        return resent.get();
    }

    @Override
    public void close() {
        running = false;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}

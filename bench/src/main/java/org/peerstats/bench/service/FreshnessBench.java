package org.peerstats.bench.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.peerstats.bench.workload.Mentor;
import org.peerstats.bench.workload.WorkloadGenerator;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;

/**
 * Freshness: how long after an event is produced its effect can be read through the REST API.
 *
 * <p>A background producer sends new activities at a fixed rate (spread over mentors with the
 * workload's skew). After a warm-up at that rate (so the JIT has compiled the live paths and the
 * measured tail is the steady state's, not the start-up's), a few probe threads each take a mentor that gets no background
 * traffic, read its {@code activity_count}, produce one new activity for it and poll GET
 * {@code /api/v1/peer-mentor-stats/:id} until the count has grown: the time from just before
 * {@code send()} to that answer is one sample. So a sample includes the producer, the broker,
 * the topology and the REST read, and is at most one poll interval late. Meanwhile the service's
 * backlog is sampled, which tells a tail of queueing (the rate is more than it sustains) from a
 * slow path.
 */
public final class FreshnessBench {

    /**
     * @param latencyMicros every probe; a probe that times out counts as the timeout
     * @param achievedRate  background and probe events per second actually produced, over {@code seconds}
     * @param seconds       how long the background load ran (warm-up included)
     * @param maxBacklog    the most input records the service had not yet committed, sampled while
     *                      the probes ran: whether it kept up with the rate or queued
     * @param endBacklog    the same when the probes stopped
     */
    public record Result(Histogram latencyMicros, long probes, long timeouts, double targetRate, double achievedRate,
                         double seconds, long pollIntervalMicros, long maxBacklog, long endBacklog) {
    }

    private static final Duration BACKLOG_SAMPLE_INTERVAL = Duration.ofMillis(250);

    private final String bootstrapServers;
    private final Topics.Topic<String, ActivityEvent> topic;
    private final StatsReader reader;
    private final List<Mentor> background;
    private final List<Mentor> probes;
    private final LongSupplier backlog;

    /**
     * @param background mentors that get the background traffic, weighted by their activity
     * @param probes     mentors reserved for probes (not in {@code background}), with stats already
     * @param backlog    how many produced input records the service has not committed yet
     */
    public FreshnessBench(String bootstrapServers, Topics.Topic<String, ActivityEvent> topic, StatsReader reader,
                          List<Mentor> background, List<Mentor> probes, LongSupplier backlog) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.reader = reader;
        this.background = List.copyOf(background);
        this.probes = List.copyOf(probes);
        this.backlog = backlog;
    }

    /**
     * @param warmUp   background load before the first probe
     * @param duration how long the probes run after the warm-up
     */
    public Result run(double rate, Duration warmUp, Duration duration, int probeThreads, Duration pollInterval,
                      Duration probeTimeout, long seed) {
        ExecutorService threads = Executors.newFixedThreadPool(probeThreads + 2, runnable -> {
            Thread thread = new Thread(runnable, "bench-freshness");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try (KafkaProducer<String, ActivityEvent> backgroundProducer = producer(5);
             KafkaProducer<String, ActivityEvent> probeProducer = producer(0)) {
            long started = System.nanoTime();
            long probesStart = started + warmUp.toNanos();
            long end = probesStart + duration.toNanos();
            Future<Long> sent = threads.submit(() -> background(backgroundProducer, rate, started, end, seed,
                    sendFailure));
            List<Future<Probes>> probeResults = new ArrayList<>();
            for (int t = 0; t < probeThreads; t++) {
                List<Mentor> mine = new ArrayList<>();
                for (int i = t; i < probes.size(); i += probeThreads) {
                    mine.add(probes.get(i));
                }
                long threadSeed = seed * 31 + t;
                probeResults.add(threads.submit(() -> probe(probeProducer, mine, probesStart, end, pollInterval,
                        probeTimeout, threadSeed, sendFailure)));
            }
            Future<Backlog> backlogs = threads.submit(() -> sampleBacklog(probesStart, end));
            Histogram histogram = new Histogram(HttpLoad.HIGHEST_MICROS, 3);
            long count = 0;
            long timeouts = 0;
            for (Future<Probes> result : probeResults) {
                Probes p = result.get();
                histogram.add(p.histogram);
                count += p.histogram.getTotalCount();
                timeouts += p.timeouts;
            }
            long backgroundSent = sent.get();
            Backlog seen = backlogs.get();
            double seconds = (end - started) / 1e9; // the load's span, not the last probe's wait after it
            if (sendFailure.get() != null) {
                throw new IllegalStateException("producing during the freshness run failed: "
                        + sendFailure.get().getMessage(), sendFailure.get());
            }
            return new Result(histogram, count, timeouts, rate, (backgroundSent + count) / seconds, seconds,
                    pollInterval.toNanos() / 1000, seen.max(), seen.last());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the freshness run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("freshness run failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private record Probes(Histogram histogram, long timeouts) {
    }

    private long background(KafkaProducer<String, ActivityEvent> producer, double rate, long started, long end,
                            long seed, AtomicReference<Exception> failure) throws InterruptedException {
        Random random = new Random(seed);
        double[] cumulative = cumulativeWeights(background);
        long sent = 0;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            long due = (long) ((now - started) / 1e9 * rate);
            while (sent < due) {
                Mentor mentor = pick(cumulative, random);
                Instant occurredAt = Instant.now().minusSeconds(random.nextInt(7200));
                ActivityEvent event = WorkloadGenerator.activity(mentor, "live-" + seed + "-" + sent, occurredAt, random);
                producer.send(new ProducerRecord<>(topic.name(), mentor.id(), event), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
                sent++;
            }
            Thread.sleep(1);
        }
        producer.flush();
        return sent;
    }

    private record Backlog(long max, long last) {
    }

    /** The service's backlog, every {@link #BACKLOG_SAMPLE_INTERVAL} from {@code start} to {@code end}. */
    private Backlog sampleBacklog(long start, long end) throws InterruptedException {
        sleepUntil(start);
        long max = 0;
        long last = 0;
        while (System.nanoTime() < end) {
            last = backlog.getAsLong();
            max = Math.max(max, last);
            Thread.sleep(BACKLOG_SAMPLE_INTERVAL.toMillis());
        }
        return new Backlog(max, last);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }

    private Probes probe(KafkaProducer<String, ActivityEvent> producer, List<Mentor> mentors, long start, long end,
                         Duration pollInterval, Duration timeout, long seed, AtomicReference<Exception> failure)
            throws InterruptedException {
        Random random = new Random(seed);
        sleepUntil(start);
        Histogram histogram = new Histogram(HttpLoad.HIGHEST_MICROS, 3);
        long timeouts = 0;
        int next = 0;
        while (System.nanoTime() < end && !mentors.isEmpty()) {
            Mentor mentor = mentors.get(next++ % mentors.size());
            OptionalLong before = reader.activityCount(mentor.id());
            if (before.isEmpty()) {
                throw new IllegalStateException("probe mentor " + mentor.id() + " has no stats to start from");
            }
            ActivityEvent event = WorkloadGenerator.activity(mentor, "probe-" + seed + "-" + next,
                    Instant.now().minusSeconds(300), random);
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(topic.name(), mentor.id(), event), (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                }
            });
            while (true) {
                OptionalLong now = reader.activityCount(mentor.id());
                long elapsed = System.nanoTime() - sent;
                if (now.isPresent() && now.getAsLong() > before.getAsLong()) {
                    histogram.recordValue(Math.min(HttpLoad.HIGHEST_MICROS, elapsed / 1000));
                    break;
                }
                if (elapsed > timeout.toNanos()) {
                    histogram.recordValue(Math.min(HttpLoad.HIGHEST_MICROS, elapsed / 1000));
                    timeouts++;
                    break;
                }
                Thread.sleep(pollInterval.toMillis());
            }
            Thread.sleep(10 + random.nextInt(20));
        }
        return new Probes(histogram, timeouts);
    }

    private KafkaProducer<String, ActivityEvent> producer(int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMs),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static double[] cumulativeWeights(List<Mentor> mentors) {
        double[] cumulative = new double[mentors.size()];
        double sum = 0;
        for (int i = 0; i < mentors.size(); i++) {
            sum += mentors.get(i).annualRate();
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private Mentor pick(double[] cumulative, Random random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int at = java.util.Arrays.binarySearch(cumulative, target);
        return background.get(Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1));
    }
}

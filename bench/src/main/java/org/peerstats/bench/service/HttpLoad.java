package org.peerstats.bench.service;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: a fixed number of clients, each a {@link KeepAliveClient} (one
 * keep-alive connection) on a thread of its own, sending GETs back to back and recording each
 * request's latency in an HDR histogram (microseconds). A request counts as an error unless it
 * is answered 200 and its body passes the run's {@link ResponseCheck}; an I/O error or timeout
 * counts too, and the client reconnects for its next request. Every run is bounded in both
 * requests and time. Only loopback targets are accepted.
 *
 * <p>Closed loop means a slow answer delays the client's next request, so latency under an
 * open arrival rate (coordinated omission) is not what this measures.
 */
public final class HttpLoad implements AutoCloseable {

    /** The longest latency the histograms track: 60 s. */
    static final long HIGHEST_MICROS = 60_000_000L;
    /** For connecting and for each read of an answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What one load run did. {@code latencyMicros} holds successful and failed requests alike;
     * {@code cpuSeconds} is the whole JVM's (clients and server).
     */
    public record Result(String name, long requests, long errors, double seconds, double cpuSeconds,
                         Histogram latencyMicros) {
        public double requestsPerSecond() {
            return seconds > 0 ? requests / seconds : 0;
        }

        public double cpuMicrosPerRequest() {
            return requests > 0 ? cpuSeconds * 1e6 / requests : 0;
        }

        public Result plus(Result other) {
            Histogram merged = latencyMicros.copy();
            merged.add(other.latencyMicros);
            return new Result(name, requests + other.requests, errors + other.errors, seconds + other.seconds,
                    cpuSeconds + other.cpuSeconds, merged);
        }
    }

    /** Whether a 200 answer's body is what the request should get; one that is not counts as an error. */
    @FunctionalInterface
    public interface ResponseCheck {
        /** Only the status counts. */
        ResponseCheck STATUS_ONLY = (request, body, length) -> true;

        /** @param body the client's buffer, valid up to {@code length}; do not keep it */
        boolean accepts(KeepAliveClient.Request request, byte[] body, int length);
    }

    private final List<KeepAliveClient> clients = new ArrayList<>();

    public HttpLoad(int clientCount) {
        for (int i = 0; i < clientCount; i++) {
            clients.add(new KeepAliveClient(REQUEST_TIMEOUT));
        }
    }

    /** {@link #run(String, List, Duration, long, long, ResponseCheck)} counting only non-200 answers as errors. */
    public Result run(String name, List<KeepAliveClient.Request> requests, Duration duration, long maxRequests,
                      long seed) {
        return run(name, requests, duration, maxRequests, seed, ResponseCheck.STATUS_ONLY);
    }

    /**
     * Every client sends requests picked at random from {@code requests} until {@code duration}
     * has passed or {@code maxRequests} have been sent in all.
     */
    public Result run(String name, List<KeepAliveClient.Request> requests, Duration duration, long maxRequests,
                      long seed, ResponseCheck check) {
        requests.forEach(request -> KeepAliveClient.requireLoopback(request.uri()));
        AtomicLong issued = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        Result[] results = new Result[clients.size()];
        Throwable[] failures = new Throwable[clients.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            KeepAliveClient client = clients.get(i);
            Random random = new Random(seed + i);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    results[index] = clientLoop(name, client, requests, check, random, issued, maxRequests,
                            System.nanoTime() + duration.toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures[index] = e;
                } catch (RuntimeException | Error e) {
                    failures[index] = e;
                }
            }, "bench-http-client-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        start.countDown();
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the HTTP load", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        Result total = new Result(name, 0, 0, 0, 0, new Histogram(HIGHEST_MICROS, 3));
        for (int i = 0; i < results.length; i++) {
            if (failures[i] != null) {
                throw new IllegalStateException("HTTP client failed: " + failures[i], failures[i]);
            }
            total = total.plus(results[i]);
        }
        return new Result(name, total.requests(), total.errors(), seconds, cpuSeconds, total.latencyMicros());
    }

    private static Result clientLoop(String name, KeepAliveClient client, List<KeepAliveClient.Request> requests,
                                     ResponseCheck check, Random random, AtomicLong issued, long maxRequests,
                                     long deadline) {
        Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        long count = 0;
        long errors = 0;
        while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests
                && !Thread.currentThread().isInterrupted()) {
            KeepAliveClient.Request request = requests.get(random.nextInt(requests.size()));
            long sent = System.nanoTime();
            boolean ok;
            try {
                ok = client.send(request) == 200;
            } catch (IOException e) {
                ok = false;
            }
            histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - sent) / 1000));
            count++;
            if (!ok || !check.accepts(request, client.body(), client.bodyLength())) {
                errors++;
            }
        }
        return new Result(name, count, errors, 0, 0, histogram);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    @Override
    public void close() {
        clients.forEach(KeepAliveClient::close);
    }
}

package org.peerstats.bench.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: a fixed number of clients, each with its own JDK {@link HttpClient}
 * (HTTP/1.1, so one keep-alive connection per client once warm), sending GETs back to back and
 * recording each request's latency in an HDR histogram (microseconds). Every run is bounded in
 * both requests and time. Only loopback URIs are accepted.
 *
 * <p>Closed loop means a slow answer delays the client's next request, so latency under an
 * open arrival rate (coordinated omission) is not what this measures.
 */
public final class HttpLoad implements AutoCloseable {

    /** The longest latency the histograms track: 60 s. */
    static final long HIGHEST_MICROS = 60_000_000L;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

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

    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService threads;

    public HttpLoad(int clientCount) {
        for (int i = 0; i < clientCount; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build());
        }
        threads = Executors.newFixedThreadPool(clientCount, runnable -> {
            Thread thread = new Thread(runnable, "bench-http-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Every client sends requests picked at random from {@code requests} until {@code duration}
     * has passed or {@code maxRequests} have been sent in all.
     */
    public Result run(String name, List<HttpRequest> requests, Duration duration, long maxRequests, long seed) {
        requests.forEach(request -> requireLoopback(request.uri()));
        AtomicLong issued = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            HttpClient client = clients.get(i);
            Random random = new Random(seed + i);
            results.add(threads.submit(() -> {
                start.await();
                return clientLoop(name, client, requests, random, issued, maxRequests,
                        System.nanoTime() + duration.toNanos());
            }));
        }
        long started = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        start.countDown();
        Result total = new Result(name, 0, 0, 0, 0, new Histogram(HIGHEST_MICROS, 3));
        for (Future<Result> result : results) {
            try {
                total = total.plus(result.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the HTTP load", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("HTTP client failed: " + e.getCause(), e.getCause());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        return new Result(name, total.requests(), total.errors(), seconds, cpuSeconds, total.latencyMicros());
    }

    private static Result clientLoop(String name, HttpClient client, List<HttpRequest> requests, Random random,
                                     AtomicLong issued, long maxRequests, long deadline) {
        Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        long count = 0;
        long errors = 0;
        while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests) {
            HttpRequest request = requests.get(random.nextInt(requests.size()));
            long sent = System.nanoTime();
            boolean ok;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                ok = response.statusCode() == 200;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - sent) / 1000));
            count++;
            if (!ok) {
                errors++;
            }
        }
        return new Result(name, count, errors, 0, 0, histogram);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** A GET of {@code uri}, with the given headers (name, value, name, value, ...). */
    public static HttpRequest get(URI uri, String... headers) {
        requireLoopback(uri);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }

    static void requireLoopback(URI uri) {
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("the benchmark only sends requests to this machine, not to " + uri);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}

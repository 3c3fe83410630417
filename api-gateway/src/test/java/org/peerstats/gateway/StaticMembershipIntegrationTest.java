package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.InstanceId;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * Static membership and readiness on a real broker: an instance stopped and started again on its
 * data directory comes back under the same {@code group.instance.id} and takes its tasks back
 * without a rebalance of the others; and when a rebalance does run (a new instance joins), an
 * instance that already serves stays ready throughout. Of two instances given the same id, the one
 * that joined first is fenced, and its replacement thread serves on under the next index.
 */
class StaticMembershipIntegrationTest {

    private static final int MENTORS = 8;

    @TempDir
    Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, Integer> ports = new HashMap<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aRestartedInstanceTakesItsTasksBackWithoutARebalanceAndAJoinLeavesTheOthersReady() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        running.add(broker);
        String appId = "peerstats-static-" + UUID.randomUUID();
        Clock clock = Clock.systemUTC();
        ServiceHarness a = start(broker, appId, "a", clock);
        ServiceHarness b = start(broker, appId, "b", clock);
        String token = a.token(Role.SYSTEM, null, null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        sendActivities(a, 0, now);
        awaitCounts(List.of(a, b), token, 1);

        String bId = Files.readString(dir.resolve("b").resolve(InstanceId.FILE)).strip();
        String aId = Files.readString(dir.resolve("a").resolve(InstanceId.FILE)).strip();
        assertTrue(bId.startsWith("peerstats-") && !bId.equals(aId), "two generated ids: " + aId + ", " + bId);
        double rebalancesBefore = rebalances(a.service.streams());

        b.close();
        running.remove(b);
        sendActivities(a, 1, now);
        ServiceHarness bAgain = start(broker, appId, "b", clock);
        awaitCounts(List.of(a, bAgain), token, 2);

        assertEquals(bId, Files.readString(dir.resolve("b").resolve(InstanceId.FILE)).strip(), "the kept id");
        assertEquals(rebalancesBefore, rebalances(a.service.streams()),
                "a took part in no rebalance while b was stopped and started again");

        ReadinessSampler sampler = new ReadinessSampler(a);
        sampler.start();
        ServiceHarness c = start(broker, appId, "c", clock);
        awaitCounts(List.of(a, bAgain, c), token, 2);
        sampler.stop();

        assertTrue(rebalances(a.service.streams()) > rebalancesBefore, "c's join made a rebalance");
        assertTrue(sampler.statesSeen.contains(KafkaStreams.State.REBALANCING),
                "a was seen rebalancing: " + sampler.statesSeen);
        assertEquals(Set.of(200), sampler.readyAnswers, "a stayed ready through the rebalance");
    }

    @Test
    void ofTwoInstancesGivenOneIdTheFencedOneRejoinsUnderTheNextThreadIndexAndBothServe() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        running.add(broker);
        String appId = "peerstats-twins-" + UUID.randomUUID();
        Clock clock = Clock.systemUTC();
        Map<String, String> twin = Map.of("PEERSTATS_INSTANCE_ID", "twin");
        ServiceHarness first = start(broker, appId, "first", clock, twin);
        String token = first.token(Role.SYSTEM, null, null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        sendActivities(first, 0, now);
        awaitCounts(List.of(first), token, 1);

        ServiceHarness second = start(broker, appId, "second", clock, twin);
        ServiceHarness.Response failures = first.awaitGet("/metrics", null,
                r -> r.body().contains("peerstats_stream_thread_failures_total 1.0"));
        assertTrue(failures.body().contains("peerstats_stream_thread_failures_total 1.0"),
                "the first instance's thread was fenced once");
        sendActivities(second, 1, now);
        awaitCounts(List.of(first, second), token, 2);
        assertEquals(200, first.get("/health/ready", null).status(), "replaced, not stopped");
        assertEquals(List.of("StreamThread-2"), first.service.streams().metadataForLocalThreads().stream()
                .map(thread -> thread.threadName().substring(thread.threadName().lastIndexOf("StreamThread")))
                .toList(), "the replacement joined as twin-2");
    }

    private void sendActivities(ServiceHarness via, int round, Instant now) {
        for (int m = 0; m < MENTORS; m++) {
            via.send(new ActivityEvent(EventOp.UPSERT, "act-" + m + "-" + round, mentor(m), "org-a",
                    ActivityType.SESSION, "mentee-" + round, now.minus(Duration.ofDays(round)), 30), now);
        }
    }

    private static void awaitCounts(List<ServiceHarness> instances, String token, int count) {
        for (ServiceHarness instance : instances) {
            for (int m = 0; m < MENTORS; m++) {
                String path = "/api/v1/peer-mentor-stats/" + mentor(m);
                ServiceHarness.Response answer = instance.awaitGet(path, token,
                        r -> r.status() == 200 && r.hasField("activity_count", count));
                assertEquals(count, answer.json().get("activity_count").asInt(),
                        mentor(m) + " on " + instance.service.httpPort() + ": " + answer.body());
            }
        }
    }

    /** Rebalances the instance's main consumers took part in (the consumer's own count). */
    private static double rebalances(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("rebalance-total") && name.group().equals("consumer-coordinator-metrics")) {
                total += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    /** Starts instance {@code name}; started again, it has the same data directory and address, as a restart does. */
    private ServiceHarness start(EmbeddedKafkaBroker broker, String appId, String name, Clock clock) {
        return start(broker, appId, name, clock, Map.of());
    }

    private ServiceHarness start(EmbeddedKafkaBroker broker, String appId, String name, Clock clock,
                                 Map<String, String> settings) {
        int port = ports.computeIfAbsent(name, n -> freePort());
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("PEERSTATS_TOPIC_PARTITIONS", "6");
        environment.put("PEERSTATS_HTTP_PORT", String.valueOf(port));
        ServiceHarness harness = new ServiceHarness(broker.bootstrapServers(), dir.resolve(name), appId, clock,
                environment);
        running.add(harness);
        return harness;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mentor(int m) {
        return "pm-static-" + m;
    }

    /** Asks an instance's readiness and notes its streams state every few milliseconds. */
    private static final class ReadinessSampler {
        final Set<KafkaStreams.State> statesSeen = ConcurrentHashMap.newKeySet();
        final Set<Integer> readyAnswers = ConcurrentHashMap.newKeySet();
        private final ServiceHarness instance;
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread thread;

        ReadinessSampler(ServiceHarness instance) {
            this.instance = instance;
        }

        void start() {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    statesSeen.add(instance.service.streams().state());
                    readyAnswers.add(instance.get("/health/ready", null).status());
                    statesSeen.add(instance.service.streams().state());
                }
            }, "readiness-sampler");
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}

package org.peerstats.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.PeerstatsConfig;
import org.peerstats.gateway.runtime.PeerstatsService;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.serde.Json;

/**
 * A real peerstats instance for integration tests: the production {@link PeerstatsService} on a
 * real broker, a real producer, and a real HTTP client — nothing mocked. The clock is fixed so
 * "today" (current streaks) and token expiry are reproducible.
 */
public final class ServiceHarness implements AutoCloseable {

    public static final String SECRET = "integration-test-secret-of-at-least-32-bytes";
    /** Every instance checks {@code iss} and {@code aud}, as an installation with an identity provider does. */
    public static final String ISSUER = "peerstats-tests";
    public static final String AUDIENCE = "peerstats";

    public final PeerstatsService service;
    public final Topics topics;
    public final Clock clock;
    private final KafkaProducer<byte[], byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The broker this harness started for itself, closed with it; null when the caller owns one. */
    private EmbeddedKafkaBroker ownBroker;

    /**
     * A service on a broker of its own, both started now and both closed by {@link #close()}:
     * the usual set-up of an integration test class.
     */
    public static ServiceHarness onOwnBroker(Path dir, String applicationIdPrefix, Clock clock) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        try {
            ServiceHarness harness = new ServiceHarness(broker.bootstrapServers(), dir.resolve("service"),
                    applicationIdPrefix + "-" + java.util.UUID.randomUUID(), clock);
            harness.ownBroker = broker;
            return harness;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return service.bootstrapServers();
    }

    public ServiceHarness(String bootstrapServers, Path dataDir, String applicationId, Clock clock) {
        this(bootstrapServers, dataDir, applicationId, clock, Map.of());
    }

    /** @param extraEnvironment further {@code PEERSTATS_*} settings for this instance */
    public ServiceHarness(String bootstrapServers, Path dataDir, String applicationId, Clock clock,
                          Map<String, String> extraEnvironment) {
        this.clock = clock;
        Map<String, String> environment = new HashMap<>(Map.of(
                "PEERSTATS_JWT_SECRET", SECRET,
                "PEERSTATS_JWT_ISSUER", ISSUER,
                "PEERSTATS_JWT_AUDIENCE", AUDIENCE,
                "PEERSTATS_TOPIC_PARTITIONS", "3",
                "PEERSTATS_KAFKA_COMMIT_INTERVAL_MS", "50"));
        environment.putAll(extraEnvironment);
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(environment)
                .withKafka(bootstrapServers, Integer.parseInt(environment.getOrDefault("PEERSTATS_HTTP_PORT", "0")),
                        dataDir, applicationId);
        this.service = PeerstatsService.start(config, clock);
        this.topics = config.topics();
        this.producer = new KafkaProducer<>(service.kafkaClients().producer(Map.of()), new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            if (!service.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("topology did not reach RUNNING: " + service.streams().state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String token(Role role, String organisationId, String peerMentorId) {
        return token(new Principal("test-" + role.claim(), role, organisationId, peerMentorId));
    }

    /** A token for {@code principal} that this instance accepts: its secret, issuer and audience. */
    public String token(Principal principal) {
        return new TokenIssuer(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                service.config().tokenRules(), clock).issue(principal);
    }

    /** Produces an activity with the given record timestamp and waits for the broker's ack. */
    public void send(ActivityEvent event, Instant recordTime) {
        sendRaw(topics.activities().name(), event.peerMentorId(),
                topics.activities().valueSerde().serializer().serialize(topics.activities().name(), event), recordTime);
    }

    /** Produces {@code value} (null: a tombstone) to a topic of the registry and waits for the broker's ack. */
    public <V> void send(Topics.Topic<String, V> topic, String key, V value, Instant recordTime) {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        sendRaw(topic.name(), key, bytes, recordTime);
    }

    public void sendRaw(String topic, String key, byte[] value, Instant recordTime) {
        sendRaw(topic, null, key, value, recordTime);
    }

    /** Produces an activity into {@code partition}, whatever partition its key would hash to. */
    public void sendToPartition(ActivityEvent event, int partition, Instant recordTime) {
        sendRaw(topics.activities().name(), partition, event.peerMentorId(),
                topics.activities().valueSerde().serializer().serialize(topics.activities().name(), event), recordTime);
    }

    private void sendRaw(String topic, Integer partition, String key, byte[] value, Instant recordTime) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, recordTime.toEpochMilli(),
                    key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The sum of the end offsets of {@code topic}'s partitions: it grows with every record written to the topic. */
    public long endOffsetTotal(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(service.kafkaClients().consumer(Map.of()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Response get(String path, String token) {
        return request("GET", path, token, null);
    }

    /** POST with a JSON body. */
    public Response post(String path, String token, String jsonBody) {
        return request("POST", path, token, jsonBody);
    }

    public Response put(String path, String token, String jsonBody) {
        return request("PUT", path, token, jsonBody);
    }

    public Response delete(String path, String token) {
        return request("DELETE", path, token, null);
    }

    /** DELETE, with a JSON body unless {@code jsonBody} is null. */
    public Response delete(String path, String token, String jsonBody) {
        return request("DELETE", path, token, jsonBody);
    }

    /** Sends {@code method} to {@code path}, with a bearer token and a JSON body when they are not null. */
    public Response request(String method, String path, String token, String jsonBody) {
        return requestTo(service.httpPort(), method, path, token, jsonBody);
    }

    /** Polls another instance's {@code path} until {@code done} (at most 60 s). */
    public Response awaitHttp(int port, String path, String token, Predicate<Response> done) {
        return awaitHttp(port, path, token, done, Duration.ofSeconds(60));
    }

    /** Polls another instance's {@code path} until {@code done}, at most {@code patience}. */
    public Response awaitHttp(int port, String path, String token, Predicate<Response> done, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Response last = tryGet(port, path, token);
        while (!done.test(last) && System.nanoTime() < deadline) {
            sleep(200);
            last = tryGet(port, path, token);
        }
        return last;
    }

    private Response tryGet(int port, String path, String token) {
        try {
            return requestTo(port, "GET", path, token, null);
        } catch (UncheckedIOException notListeningYet) {
            return new Response(0, String.valueOf(notListeningYet.getMessage()), Map.of());
        }
    }

    /** Sends {@code method} to {@code path} on the instance listening on {@code port}. */
    public Response requestTo(int port, String method, String path, String token, String jsonBody) {
        return requestTo(port, method, path, token, jsonBody, Map.of());
    }

    /** {@link #requestTo(int, String, String, String, String)} with further request headers. */
    public Response requestTo(int port, String method, String path, String token, String jsonBody,
                              Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code path} until the answer satisfies {@code done} (at most 60 s), and returns it. */
    public Response awaitGet(String path, String token, Predicate<Response> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response last = get(path, token);
        while (!done.test(last) && System.nanoTime() < deadline) {
            sleep(100);
            last = get(path, token);
        }
        return last;
    }

    /**
     * Waits until the application has committed every record of the activities topic and of its
     * own repartition topics: under exactly-once it has then published everything it will.
     */
    public void awaitCaughtUp() throws Exception {
        String group = service.config().applicationId();
        String activities = topics.activities().name();
        try (Admin admin = Admin.create(service.kafkaClients().admin())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long behind;
            do {
                Thread.sleep(100);
                List<String> read = admin.listTopics().names().get().stream()
                        .filter(name -> name.equals(activities) || name.startsWith(group + "-") && name.endsWith("-repartition"))
                        .toList();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(read).allTopicNames().get().forEach((name, description) -> description.partitions()
                        .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                behind = 0;
                for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    behind += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
                }
            } while (behind > 0 && System.nanoTime() < deadline);
            if (behind > 0) {
                throw new AssertionError(group + " did not catch up: " + behind + " records behind");
            }
        }
    }

    /**
     * Every committed record of {@code topic} ({@code read_committed}, up to the last stable
     * offset of each partition), partition by partition in offset order.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrapServers, String topic) {
        return readCommitted(bootstrapServers, topic, Map.of());
    }

    /** {@link #readCommitted(String, String)} with a login ({@code security.protocol}, {@code sasl.*}, ...). */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrapServers, String topic,
                                                                   Map<String, ?> login) {
        Map<String, Object> settings = new HashMap<>(login);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Deletes {@code root} and everything under it (a data directory lost with its machine, local state reset). */
    public static void deleteRecursively(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }

    /** Sleeps, an interruption turned into a failure of the test. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        service.close();
        if (ownBroker != null) {
            ownBroker.close();
        }
    }

    /** An HTTP answer with its body parsed as JSON when it is JSON. */
    public record Response(int status, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0));
        }

        public boolean hasField(String field, long value) {
            return status == 200 && json().path(field).asLong(-1) == value;
        }
    }
}

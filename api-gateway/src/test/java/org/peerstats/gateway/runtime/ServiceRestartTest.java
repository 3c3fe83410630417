package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;

/**
 * The service as {@code ./peerstats run} starts it — no KAFKA_BOOTSTRAP_SERVERS, so with its own
 * embedded broker — keeps its data across a restart on the same data directory.
 */
class ServiceRestartTest {

    private static final Instant NOW = Instant.parse("2026-03-26T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void statsSurviveARestartOnTheSameDataDirectory() throws Exception {
        int kafkaPort = freePort();
        Map<String, String> env = Map.of(
                "PEERSTATS_DATA_DIR", dataDir.toString(),
                "PEERSTATS_HTTP_PORT", "0",
                "PEERSTATS_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort),
                "PEERSTATS_TOPIC_PARTITIONS", "2");
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(env);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        String token;
        try (PeerstatsService first = PeerstatsService.start(config, clock)) {
            assertTrue(first.awaitRunning(Duration.ofSeconds(60)));
            token = new TokenIssuer(first.secrets().secret(), clock)
                    .issue(new Principal("ops", Role.SYSTEM, null, null));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", first.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(config.topics().activities().name(), null, NOW.toEpochMilli(),
                        "pm-restart", "{\"op\":\"upsert\",\"activity_id\":\"r1\",\"peer_mentor_id\":\"pm-restart\","
                        + "\"organisation_id\":\"org-a\",\"type\":\"session\",\"mentee_id\":\"x\","
                        + "\"occurred_at\":\"2026-03-25T10:00:00Z\",\"duration_minutes\":45}")).get();
            }
            assertEquals(200, awaitStatus(first.httpPort(), token, 200));
        }
        assertTrue(Files.exists(dataDir.resolve("jwt-secret")), "the development secret is kept for the next start");

        try (PeerstatsService second = PeerstatsService.start(config, clock)) {
            assertTrue(second.awaitRunning(Duration.ofSeconds(60)));
            String body = get(second.httpPort(), token).body();
            assertTrue(body.contains("\"activity_count\":1"), body);
            assertTrue(body.contains("\"total_hours_mentored\":0.75"), body);
        }
    }

    private static int awaitStatus(int port, String token, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = get(port, token).statusCode();
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = get(port, token).statusCode();
        }
        return status;
    }

    private static HttpResponse<String> get(int port, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/peer-mentor-stats/pm-restart"))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

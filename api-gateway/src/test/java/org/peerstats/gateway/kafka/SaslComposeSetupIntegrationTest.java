package org.peerstats.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.AclCommand;
import org.apache.kafka.tools.ConfigCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.PeerstatsConfig;

/**
 * The set-up script of docker/docker-compose.sasl.yml, run line by line with Kafka's own tools
 * (the same classes as the image's {@code kafka-configs.sh} and {@code kafka-acls.sh}) against
 * the embedded broker secured as the compose file's broker is, as its super user: afterwards the
 * service logs in as {@code peerstats} with SCRAM and runs, and {@code mentor-app} writes an
 * activity but not a badge command. No Docker engine here; this is what can be run of the file.
 */
class SaslComposeSetupIntegrationTest {

    private static final Path COMPOSE = Path.of("..", "docker", "docker-compose.sasl.yml");
    private static final String SERVICE_PASSWORD = "service-secret";
    private static final String PRODUCER_PASSWORD = "producer-secret";

    @TempDir
    Path dir;

    @AfterEach
    void restoreExits() {
        Exit.resetExitProcedure();
    }

    @Test
    void theSetUpScriptGivesTheServiceAndTheProducerWhatTheyNeed() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(dir.resolve("broker"), 0, "admin-secret",
                Map.of())) {
            Path adminProperties = dir.resolve("admin.properties");
            StringBuilder properties = new StringBuilder();
            broker.superUserSettings().forEach((key, value) -> properties.append(key).append('=').append(value)
                    .append('\n'));
            Files.writeString(adminProperties, properties, StandardCharsets.UTF_8);

            List<List<String>> commands = setUpCommands(broker.bootstrapServers(), adminProperties);
            assertEquals(2 + 9, commands.size(), "two users and nine ACL lines: " + commands);
            for (List<String> command : commands) {
                run(command);
            }

            Map<String, String> environment = PeerstatsConfig.kafkaEnvironment(
                    EmbeddedKafkaBroker.scramClientSettings("peerstats", SERVICE_PASSWORD));
            try (ServiceHarness service = new ServiceHarness(broker.bootstrapServers(), dir.resolve("service"),
                         "peerstats", Clock.systemUTC(), environment);
                 KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>(service.topics.activities().name(), bytes("pm-compose-1"),
                        bytes("{\"op\":\"upsert\",\"activity_id\":\"c-1\",\"peer_mentor_id\":\"pm-compose-1\","
                                + "\"organisation_id\":\"org-compose\",\"type\":\"session\",\"occurred_at\":\""
                                + service.clock.instant() + "\",\"duration_minutes\":30}"))).get(30, TimeUnit.SECONDS);
                ServiceHarness.Response stats = service.awaitGet("/api/v1/peer-mentor-stats/pm-compose-1",
                        service.token(Role.SYSTEM, null, null), r -> r.hasField("activity_count", 1));
                assertTrue(stats.hasField("activity_count", 1), stats.body());

                ExecutionException refused = assertThrows(ExecutionException.class, () -> producer.send(
                        new ProducerRecord<>(service.topics.badgeCommands().name(), bytes("pm-compose-1"),
                                bytes("{}"))).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
            }
        }
    }

    /** The script's kafka-configs and acl lines, as argument lists with the compose variables filled in. */
    private static List<List<String>> setUpCommands(String bootstrap, Path adminProperties) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (String line : Files.readAllLines(COMPOSE, StandardCharsets.UTF_8)) {
            String command = line.strip()
                    .replace("\"$$BOOTSTRAP\"", bootstrap)
                    .replace("/tmp/admin.properties", adminProperties.toString())
                    .replace("$$PEERSTATS_KAFKA_PASSWORD", SERVICE_PASSWORD)
                    .replace("$$MENTOR_APP_PASSWORD", PRODUCER_PASSWORD);
            if (command.startsWith("$$bin/kafka-configs.sh ")) {
                commands.add(words("kafka-configs " + command.substring("$$bin/kafka-configs.sh ".length())));
            } else if (command.startsWith("acl --add ")) {
                commands.add(words("kafka-acls --bootstrap-server " + bootstrap + " --command-config "
                        + adminProperties + " " + command.substring("acl ".length())));
            }
        }
        return commands;
    }

    /** Splits a shell line into words: spaces outside quotes separate, quotes are taken off. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ' ') {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** Runs one tool; it must not ask to exit with an error. */
    private static void run(List<String> command) throws Exception {
        Integer[] exit = {null};
        Exit.setExitProcedure((code, message) -> {
            if (exit[0] == null) {
                exit[0] = code;
            }
            throw new IllegalStateException("exit " + code + ": " + message);
        });
        String[] arguments = command.subList(1, command.size()).toArray(String[]::new);
        try {
            switch (command.get(0)) {
                case "kafka-configs" -> ConfigCommand.main(arguments);
                case "kafka-acls" -> AclCommand.main(arguments);
                default -> throw new AssertionError("not a set-up tool: " + command);
            }
        } catch (IllegalStateException exited) {
            // the tool ended by exiting; its first exit status is checked below
        }
        assertTrue(exit[0] == null || exit[0] == 0, command + " exited with " + exit[0]);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>(EmbeddedKafkaBroker.scramClientSettings("mentor-app",
                PRODUCER_PASSWORD));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

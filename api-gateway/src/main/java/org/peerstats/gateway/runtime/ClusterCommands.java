package org.peerstats.gateway.runtime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.peerstats.gateway.deadletters.DeadLetterReplayer;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.gateway.kafka.ServiceAcls;

/**
 * The command-line tools for a cluster with authentication: {@code acls} prints (or applies) the
 * ACLs the service and its producers need, {@code broker} runs the embedded broker on its own,
 * open or requiring SASL and ACLs, for trying a secured set-up on one machine.
 */
final class ClusterCommands {

    static final String DEFAULT_SERVICE_PRINCIPAL = "User:peerstats";
    static final String DEFAULT_PRODUCER_PRINCIPAL = "User:mentor-app";
    /** The super user's password for {@code broker --sasl}; generated and printed when not set. */
    static final String BROKER_PASSWORD_VARIABLE = "PEERSTATS_BROKER_ADMIN_PASSWORD";

    private ClusterCommands() {
    }

    /**
     * {@code acls [--principal P] [--producer-principal P] [--reader-principal P --reader-group G]
     * [--replayer-principal P] [--apply]}:
     * the grants of {@link ServiceAcls} for this configuration's application id and topic prefix,
     * as {@code kafka-acls.sh} commands, or created through the admin client the
     * {@code PEERSTATS_KAFKA_*} settings describe (an operator's login, not the service's).
     */
    static int acls(PeerstatsConfig config, Map<String, String> options, PrintStream out) {
        List<ServiceAcls.Grant> service = ServiceAcls.service(
                options.getOrDefault("principal", DEFAULT_SERVICE_PRINCIPAL), config.applicationId(), config.topicPrefix());
        List<ServiceAcls.Grant> producer = ServiceAcls.eventProducer(
                options.getOrDefault("producer-principal", DEFAULT_PRODUCER_PRINCIPAL), config.topics());
        Optional<String> reader = Optional.ofNullable(options.get("reader-principal"));
        if (reader.isPresent() != options.containsKey("reader-group")) {
            throw new Main.UsageException("--reader-principal and --reader-group go together");
        }
        List<ServiceAcls.Grant> readers = reader.map(principal -> ServiceAcls.notificationReader(principal,
                config.topics(), options.get("reader-group"))).orElse(List.of());
        List<ServiceAcls.Grant> replayer = Optional.ofNullable(options.get("replayer-principal"))
                .map(principal -> ServiceAcls.deadLetterReplayer(principal, config.topics(),
                        DeadLetterReplayer.transactionalId(config.applicationId()))).orElse(List.of());
        if (options.containsKey("apply")) {
            return apply(config, concat(service, producer, readers, replayer), out);
        }
        out.println("# The ACLs peerstats needs (application.id " + config.applicationId() + ", topic prefix "
                + config.topicPrefix() + "); docs/operations.md says why each one.");
        out.println("# The service:");
        service.forEach(grant -> out.println(command(grant)));
        out.println("# A system that produces events (the five input topics, no command topic):");
        producer.forEach(grant -> out.println(command(grant)));
        if (!readers.isEmpty()) {
            out.println("# A service that reads badge notifications:");
            readers.forEach(grant -> out.println(command(grant)));
        }
        if (!replayer.isEmpty()) {
            out.println("# An operator who lists and replays dead letters (./peerstats dead-letters):");
            replayer.forEach(grant -> out.println(command(grant)));
        }
        return 0;
    }

    private static String command(ServiceAcls.Grant grant) {
        return "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties " + grant.command();
    }

    private static int apply(PeerstatsConfig config, List<ServiceAcls.Grant> grants, PrintStream out) {
        String bootstrap = config.bootstrapServers().orElseThrow(() -> new Main.UsageException(
                "acls --apply needs KAFKA_BOOTSTRAP_SERVERS (and an operator's login in PEERSTATS_KAFKA_*)"));
        try (Admin admin = Admin.create(new KafkaClients(bootstrap, config.kafkaOverrides()).admin())) {
            admin.createAcls(ServiceAcls.bindings(grants)).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the ACLs on " + bootstrap + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        out.println("created " + ServiceAcls.bindings(grants).size() + " ACLs on " + bootstrap + " ("
                + grants.size() + " resource patterns)");
        return 0;
    }

    /**
     * {@code broker [--sasl] [--users NAME:PASSWORD,...]}: the embedded broker alone, on
     * {@code PEERSTATS_EMBEDDED_KAFKA_PORT}, until Ctrl-C. With {@code --sasl} it requires SCRAM
     * logins and ACLs; its super user {@code admin} has the password in
     * {@value #BROKER_PASSWORD_VARIABLE} (printed once when generated), and {@code --users} adds
     * SCRAM users (no comma in a password).
     */
    static int broker(PeerstatsConfig config, Map<String, String> options, Map<String, String> env, PrintStream out) {
        boolean sasl = options.containsKey("sasl");
        if (options.containsKey("users") && !sasl) {
            throw new Main.UsageException("--users needs --sasl: an open broker has no users");
        }
        Map<String, String> users = users(options.getOrDefault("users", ""));
        Path dir = config.dataDir().resolve("kafka");
        EmbeddedKafkaBroker broker;
        if (sasl) {
            Optional<String> configured = Optional.ofNullable(env.get(BROKER_PASSWORD_VARIABLE)).filter(p -> !p.isBlank());
            String password = configured.orElseGet(ClusterCommands::randomPassword);
            broker = EmbeddedKafkaBroker.startSecured(dir, config.embeddedKafkaPort(), password, users);
            out.println("Kafka (SASL " + EmbeddedKafkaBroker.CLIENT_MECHANISM + " or PLAIN, ACLs required) on "
                    + broker.bootstrapServers() + "; users: " + users.keySet());
            out.println("Its super user '" + EmbeddedKafkaBroker.SUPER_USER + "' (for `peerstats acls --apply`):");
            out.println("  export KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
            // a broker on 127.0.0.1 for trying things: its super user's login is printed to be copied
            PeerstatsConfig.kafkaEnvironment(broker.superUserSettings())
                    .forEach((variable, value) -> out.println("  export " + variable + "='" + value + "'"));
        } else {
            broker = EmbeddedKafkaBroker.start(dir, config.embeddedKafkaPort());
            out.println("Kafka on " + broker.bootstrapServers());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "peerstats-broker-shutdown"));
        out.println("(Ctrl-C stops it)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code NAME:PASSWORD,...} as passwords by name, the password being everything after the first colon. */
    static Map<String, String> users(String list) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 1 || colon == entry.length() - 1) {
                throw new Main.UsageException("--users takes NAME:PASSWORD,..., not '" + entry + "'");
            }
            String name = entry.substring(0, colon).trim();
            if (users.put(name, entry.substring(colon + 1)) != null) {
                throw new Main.UsageException("--users names " + name + " twice");
            }
        }
        return users;
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}

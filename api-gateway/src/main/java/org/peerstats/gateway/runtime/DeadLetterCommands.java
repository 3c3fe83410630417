package org.peerstats.gateway.runtime;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.TimeoutException;
import org.peerstats.gateway.deadletters.DeadLetter;
import org.peerstats.gateway.deadletters.DeadLetterId;
import org.peerstats.gateway.deadletters.DeadLetterReader;
import org.peerstats.gateway.deadletters.DeadLetterReplayer;
import org.peerstats.gateway.deadletters.DeadLetterReport;
import org.peerstats.gateway.deadletters.RefusalReason;
import org.peerstats.gateway.deadletters.Excerpt;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;

/**
 * {@code dead-letters list} and {@code dead-letters replay}: the command line over
 * {@link DeadLetterReader} and {@link DeadLetterReplayer}. They connect to
 * {@code KAFKA_BOOTSTRAP_SERVERS}, or, when it is unset, to the embedded broker of a
 * {@code ./peerstats run} on this machine (127.0.0.1:{@code PEERSTATS_EMBEDDED_KAFKA_PORT}), the
 * same default as the service's, and say which; every client takes the {@code PEERSTATS_KAFKA_*}
 * settings, so they work on a cluster with SASL and ACLs as the service does.
 */
final class DeadLetterCommands {

    private DeadLetterCommands() {
    }

    static int run(PeerstatsConfig config, String action, Map<String, String> options, PrintStream out, Clock clock) {
        return switch (action) {
            case "list" -> list(config, options, out);
            case "replay" -> replay(config, options, out, clock);
            case "" -> throw new Main.UsageException("dead-letters needs list or replay");
            default -> throw new Main.UsageException("dead-letters takes list or replay, not '" + action + "'");
        };
    }

    /**
     * {@code list [--since INSTANT] [--topic TOPIC]}: every committed dead letter, or those whose
     * record time is at or after {@code --since} and whose original (or output) topic is
     * {@code --topic}, with or without the topic prefix.
     */
    private static int list(PeerstatsConfig config, Map<String, String> options, PrintStream out) {
        requireOnly(options, Set.of("since", "topic"));
        Optional<Instant> since = Optional.ofNullable(options.get("since")).map(DeadLetterCommands::instant);
        Optional<String> topic = Optional.ofNullable(options.get("topic"));
        Topics topics = config.topics();
        KafkaClients clients = clients(config, out);
        try (DeadLetterReader reader = new DeadLetterReader(clients, topics)) {
            requireTopic(reader, topics.deadLetter().name(), clients);
            Map<DeadLetterId, String> replays = reader.replays().orElseGet(() -> {
                out.println("(no topic " + topics.deadLetterReplays().name() + " yet: nothing has been replayed)");
                return Map.of();
            });
            List<DeadLetterId> listed = new ArrayList<>();
            List<DeadLetterId> replayable = new ArrayList<>();
            reader.forEach(letter -> {
                if (since.map(s -> !letter.timestamp().isBefore(s)).orElse(true)
                        && topic.map(t -> concerns(letter, t, config.topicPrefix())).orElse(true)) {
                    out.println();
                    DeadLetterReport.lines(letter, topics, Optional.ofNullable(replays.get(letter.id())))
                            .forEach(out::println);
                    listed.add(letter.id());
                    if (!replays.containsKey(letter.id()) && letter.whyNotReplayable(topics).isEmpty()
                            && !RefusalReason.unreadable(letter)) {
                        replayable.add(letter.id());
                    }
                }
            });
            out.println();
            out.println(listed.size() + " dead letter" + (listed.size() == 1 ? "" : "s") + " in "
                    + topics.deadLetter().name() + (since.isPresent() || topic.isPresent() ? " (filtered)" : "")
                    + (replayable.isEmpty() ? "" : "; to send back the ones that can be: ./peerstats dead-letters replay "
                    + "--offsets " + String.join(",", replayable.stream().map(DeadLetterId::toString).toList())));
            return 0;
        } catch (TimeoutException e) {
            throw unreachable(clients, e);
        }
    }

    /**
     * {@code replay --offsets P:O[,P:O...]}: the transactional id is taken first, then the markers
     * are read, then every id is checked; if one is refused nothing is sent (the operator corrects
     * the list and runs it again), else each is sent in a transaction of its own.
     */
    private static int replay(PeerstatsConfig config, Map<String, String> options, PrintStream out, Clock clock) {
        requireOnly(options, Set.of("offsets"));
        List<DeadLetterId> ids = offsets(options.get("offsets"));
        Topics topics = config.topics();
        KafkaClients clients = clients(config, out);
        try (DeadLetterReader reader = new DeadLetterReader(clients, topics)) {
            requireTopic(reader, topics.deadLetter().name(), clients);
            requireTopic(reader, topics.deadLetterReplays().name(), clients);
            out.println("as transactional id " + DeadLetterReplayer.transactionalId(config.applicationId())
                    + " (a replay running elsewhere is stopped)");
            try (DeadLetterReplayer replayer = DeadLetterReplayer.start(clients, topics, config.applicationId(), clock)) {
                Map<DeadLetterId, String> replayed = reader.replays().orElseThrow();
                List<DeadLetter> toSend = new ArrayList<>();
                int refused = 0;
                for (DeadLetterId id : ids) {
                    if (replayed.containsKey(id)) {
                        out.println(id + "  already replayed ("
                                + Excerpt.printable(replayed.get(id), Excerpt.LINE_CHARS) + "): not sent again");
                        continue;
                    }
                    Optional<DeadLetter> letter = reader.find(id);
                    Optional<String> refusal = letter.isEmpty()
                            ? Optional.of("no dead letter at " + id + " (" + reader.describe(id.partition()) + ")")
                            : letter.get().whyNotReplayable(topics).map(why -> "cannot be replayed: " + why);
                    if (refusal.isPresent()) {
                        out.println(id + "  refused: " + refusal.get());
                        refused++;
                    } else {
                        toSend.add(letter.get());
                    }
                }
                if (refused > 0) {
                    out.println("nothing sent: " + refused + " of " + ids.size() + " refused; run it again without "
                            + (refused == 1 ? "that one" : "those"));
                    return 1;
                }
                for (DeadLetter letter : toSend) {
                    out.println(letter.id() + "  replayed: " + replayer.replay(letter));
                }
                out.println(toSend.size() + " replayed, " + (ids.size() - toSend.size()) + " already replayed before");
                return 0;
            }
        } catch (TimeoutException e) {
            throw unreachable(clients, e);
        }
    }

    /** The dead letter was read from, or bound for, {@code topic} (named with or without the prefix). */
    private static boolean concerns(DeadLetter letter, String topic, String prefix) {
        return letter.originalTopic().or(letter::outputTopic)
                .map(name -> name.equals(topic) || name.equals(prefix + topic)).orElse(false);
    }

    private static KafkaClients clients(PeerstatsConfig config, PrintStream out) {
        String bootstrap = config.bootstrapServers().orElse("127.0.0.1:" + config.embeddedKafkaPort());
        out.println("Kafka at " + bootstrap + (config.bootstrapServers().isPresent() ? " (KAFKA_BOOTSTRAP_SERVERS)"
                : " (the embedded broker of a running `./peerstats run`; KAFKA_BOOTSTRAP_SERVERS names a cluster)"));
        return new KafkaClients(bootstrap, config.kafkaOverrides());
    }

    private static void requireTopic(DeadLetterReader reader, String topic, KafkaClients clients) {
        if (!reader.exists(topic)) {
            throw new IllegalStateException("there is no topic " + topic + " on " + clients.bootstrapServers()
                    + ": start this version of the service once (it creates its topics), or check "
                    + "PEERSTATS_TOPIC_PREFIX and the login's Describe grant");
        }
    }

    private static IllegalStateException unreachable(KafkaClients clients, TimeoutException e) {
        return new IllegalStateException("no answer from Kafka at " + clients.bootstrapServers() + " ("
                + e.getMessage() + "): is `./peerstats run` running, or KAFKA_BOOTSTRAP_SERVERS set?", e);
    }

    private static List<DeadLetterId> offsets(String value) {
        if (value == null) {
            throw new Main.UsageException("dead-letters replay needs --offsets PARTITION:OFFSET[,...] (from "
                    + "dead-letters list)");
        }
        try {
            return DeadLetterId.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--offsets: " + e.getMessage());
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Main.UsageException("--since takes an ISO-8601 instant such as 2026-03-26T00:00:00Z, not '"
                    + value + "'");
        }
    }

    private static void requireOnly(Map<String, String> options, Set<String> known) {
        options.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new Main.UsageException("dead-letters does not take --" + name + " here");
        });
    }
}

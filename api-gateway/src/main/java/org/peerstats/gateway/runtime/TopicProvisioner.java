package org.peerstats.gateway.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.peerstats.streams.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the peerstats topics that are missing (partitions and replication as configured,
 * compaction for the compacted kinds). Topics that exist are left as they are, with whatever
 * partition count they have: the topology re-keys every input onto its own {@code mentor-inputs}
 * topic, so the inputs need not be co-partitioned.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final int DESCRIBE_ATTEMPTS = 50;
    private static final long DESCRIBE_PAUSE_MS = 200;

    private TopicProvisioner() {
    }

    public static void ensureTopics(Admin admin, Topics topics, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.Topic<?, ?> topic : topics.all()) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(configsFor(topic)));
                }
            }
            if (!missing.isEmpty()) {
                createAll(admin, missing);
                // Producing before every partition has a leader makes an idempotent producer's
                // first batches fail with NOT_LEADER_OR_FOLLOWER, after which the embedded broker
                // can reject its retries as out of order for good (seen in the benchmark): wait.
                awaitLeaders(admin, describe(admin, missing.stream().map(NewTopic::name).toList()));
                LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or describe the peerstats topics: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void createAll(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // another instance created it at the same moment: fine
        }
    }

    private static Map<String, String> configsFor(Topics.Topic<?, ?> topic) {
        return switch (topic.kind()) {
            case COMPACTED, OUTPUT_COMPACTED, DEAD_LETTER_REPLAYS -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            case EVENTS, COMMANDS, DEAD_LETTER -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_DELETE, TopicConfig.RETENTION_MS_CONFIG, "-1");
            case OUTPUT_EVENTS -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        };
    }

    /**
     * Describes topics once every partition has a leader, waiting briefly for ones just created:
     * for a moment after a create has succeeded the broker can answer UNKNOWN_TOPIC_OR_PARTITION,
     * or describe partitions that have no leader yet.
     */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
                if (allLed(descriptions.values()) || attempt >= DESCRIBE_ATTEMPTS) {
                    return descriptions;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= DESCRIBE_ATTEMPTS) {
                    throw e;
                }
            }
            Thread.sleep(DESCRIBE_PAUSE_MS);
        }
    }

    /**
     * Waits until the broker answers for every partition as its leader (a ListOffsets succeeds):
     * the metadata can name a leader a moment before that broker has taken the partition on.
     */
    private static void awaitLeaders(Admin admin, Map<String, TopicDescription> descriptions)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> partitions = new java.util.HashMap<>();
        descriptions.forEach((name, description) -> description.partitions()
                .forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        for (int attempt = 1; ; attempt++) {
            try {
                admin.listOffsets(partitions).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || attempt >= DESCRIBE_ATTEMPTS) {
                    throw e;
                }
            }
            Thread.sleep(DESCRIBE_PAUSE_MS);
        }
    }

    private static boolean allLed(java.util.Collection<TopicDescription> descriptions) {
        return descriptions.stream().flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }
}

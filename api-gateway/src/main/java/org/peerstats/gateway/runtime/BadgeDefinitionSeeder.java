package org.peerstats.gateway.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.DefaultBadgeDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link DefaultBadgeDefinitions} on {@code badge-definitions} when that topic has never
 * had a record (every partition's end offset is 0). A topic whose definitions were all deleted
 * is not empty in that sense, so an operator's deletions stick. Two instances starting at once may
 * both load them; the topology ignores a definition that is the same as the one it has.
 */
public final class BadgeDefinitionSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(BadgeDefinitionSeeder.class);

    private BadgeDefinitionSeeder() {
    }

    /**
     * @param timestamp the record time of the definitions (which is when badges they award at once
     *                  are awarded)
     * @return how many definitions were loaded: 0 when the topic already had records
     */
    public static int seedIfNeverWritten(Admin admin, KafkaClients clients, Topics topics, Instant timestamp) {
        Topics.Topic<String, BadgeDefinition> topic = topics.badgeDefinitions();
        List<BadgeDefinition> defaults = DefaultBadgeDefinitions.all();
        try {
            if (everWritten(admin, topic.name())) {
                return 0;
            }
            try (KafkaProducer<String, BadgeDefinition> producer = new KafkaProducer<>(clients.producer(Map.of()),
                    topic.keySerde().serializer(), topic.valueSerde().serializer())) {
                for (BadgeDefinition definition : defaults) {
                    producer.send(new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), definition.id(),
                            definition)).get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the default badge definitions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot load the default badge definitions: " + e.getCause().getMessage(),
                    e.getCause());
        }
        LOG.info("loaded {} default badge definitions onto the empty {}", defaults.size(), topic.name());
        return defaults.size();
    }

    private static boolean everWritten(Admin admin, String topic) throws InterruptedException, ExecutionException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> ends = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum() > 0;
    }
}

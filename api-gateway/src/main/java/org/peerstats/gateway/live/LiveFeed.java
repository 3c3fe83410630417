package org.peerstats.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeNotification;
import org.peerstats.streams.organisations.OrganisationPeriodStats;
import org.peerstats.streams.serde.Json;
import org.peerstats.streams.stats.MentorStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the topology publishes, as it publishes it, for the coordinators watching an organisation:
 * one consumer per instance reads every partition of {@code mentor-stats},
 * {@code badge-notifications} and {@code organisation-stats} from their ends, {@code read_committed}
 * (so only what the topology committed, exactly once), and hands each record to the subscribers of
 * its organisation. Every instance reads everything, so a browser may stream from any instance and
 * nothing is forwarded; the cost is one small consumer per instance, whatever the number of streams.
 *
 * <p>No consumer group: nothing is committed, and a restart starts again from the ends (a page
 * reloads its numbers over REST when it reconnects). Partitions added to the topics later are
 * picked up within {@link #REFRESH}, from their beginning.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final Map<String, Set<Consumer<LiveEvent>>> subscribers = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private LiveFeed(KafkaClients clients, Topics topics) {
        this.consumer = new KafkaConsumer<>(clients.consumer(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "peerstats-live-feed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.thread = new Thread(this::run, "peerstats-live-feed");
        this.thread.setDaemon(true);
    }

    /** Starts reading; the topics must exist (the service provisions them first). */
    public static LiveFeed start(KafkaClients clients, Topics topics) {
        LiveFeed feed = new LiveFeed(clients, topics);
        feed.thread.start();
        return feed;
    }

    /**
     * Calls {@code listener} on the feed's thread with each event of {@code organisationId} until
     * the returned handle is closed. The listener must not block: it hands the event on.
     */
    public AutoCloseable subscribe(String organisationId, Consumer<LiveEvent> listener) {
        subscribers.computeIfAbsent(organisationId, org -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> subscribers.computeIfPresent(organisationId, (org, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** The streams open now, over all organisations. */
    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    private void run() {
        try {
            Set<TopicPartition> assigned = new HashSet<>();
            long nextRefresh = 0;
            while (running) {
                if (System.nanoTime() >= nextRefresh) {
                    assign(assigned);
                    nextRefresh = System.nanoTime() + REFRESH.toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    decode(record).ifPresent(this::publish);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the live feed stopped; pages no longer update until this instance restarts", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Takes every partition of the three topics; those found at the start from their ends, later ones from the beginning. */
    private void assign(Set<TopicPartition> assigned) {
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : List.of(topics.mentorStats().name(), topics.badgeNotifications().name(),
                topics.organisationStats().name())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions != null) {
                partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        List<TopicPartition> added = found.stream().filter(p -> !assigned.contains(p)).toList();
        if (added.isEmpty()) {
            return;
        }
        boolean first = assigned.isEmpty();
        assigned.addAll(added);
        consumer.assign(assigned);
        if (first) {
            consumer.seekToEnd(added);
        } else {
            consumer.seekToBeginning(added);
        }
    }

    private void publish(LiveEvent event) {
        Set<Consumer<LiveEvent>> listeners = subscribers.get(event.organisationId());
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(event));
        }
    }

    /** The event a record makes, if any: tombstones and records of no organisation make none. */
    Optional<LiveEvent> decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            String topic = record.topic();
            if (topic.equals(topics.mentorStats().name())) {
                MentorStats stats = read(topics.mentorStats().valueSerde().deserializer(), record);
                return event(stats.organisationId(), "stats", LiveStats.of(stats));
            }
            if (topic.equals(topics.badgeNotifications().name())) {
                BadgeNotification notification = read(topics.badgeNotifications().valueSerde().deserializer(), record);
                return event(notification.organisationId(), notification.type().wireName(), notification);
            }
            OrganisationPeriodStats totals = read(topics.organisationStats().valueSerde().deserializer(), record);
            return event(totals.organisationId(), "organisation_stats", totals);
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.warn("live feed: skipped a record of {} at partition {} offset {} it could not read: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
            return Optional.empty();
        }
    }

    private static <V> V read(Deserializer<V> deserializer, ConsumerRecord<byte[], byte[]> record) {
        return deserializer.deserialize(record.topic(), record.value());
    }

    private static Optional<LiveEvent> event(String organisationId, String name, Object data)
            throws JsonProcessingException {
        if (organisationId == null) {
            return Optional.empty();
        }
        return Optional.of(new LiveEvent(organisationId, name, Json.mapper().writeValueAsString(data)));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

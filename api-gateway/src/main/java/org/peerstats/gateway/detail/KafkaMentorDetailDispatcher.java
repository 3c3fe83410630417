package org.peerstats.gateway.detail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorDetailEvent;

/**
 * Writes mentor-detail commands to the {@code mentor-detail-commands} topic, keyed by mentor, with
 * the injected clock's time as both {@code dispatched_at} and the record timestamp (the topology's
 * {@code loaded_at}). A broker that does not take the command in time gives 503.
 */
public final class KafkaMentorDetailDispatcher implements MentorDetailDispatcher, AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final KafkaProducer<String, MentorDetailCommand> producer;
    private final Topics.Topic<String, MentorDetailCommand> topic;
    private final Clock clock;

    public KafkaMentorDetailDispatcher(KafkaClients clients, Topics.Topic<String, MentorDetailCommand> topic,
                                       Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.producer = new KafkaProducer<>(clients.producer(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis())),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public Dispatch dispatch(String mentorId, MentorDetailEvent event) {
        Instant now = clock.instant();
        MentorDetailCommand command = new MentorDetailCommand(UUID.randomUUID().toString(), event, mentorId, now);
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), null, now.toEpochMilli(),
                    mentorId, command)).get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Dispatch(command.commandId(), written.offset(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while dispatching " + event.wireName(), RETRY_AFTER);
        } catch (ExecutionException | TimeoutException e) {
            String reason = e instanceof ExecutionException ? e.getCause().getMessage() : "timed out";
            throw new ServiceUnavailableException("cannot dispatch " + event.wireName() + " right now (" + reason
                    + "); retry shortly", RETRY_AFTER);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package org.peerstats.gateway.badges;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeCommand;

/**
 * Puts badge commands on {@code badge-commands} (key: peer_mentor_id, so the command reaches the
 * task that holds the mentor's badges) and waits for the broker's acknowledgement.
 */
public final class BadgeCommandPublisher implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final Topics.Topic<String, BadgeCommand> topic;
    private final KafkaProducer<String, BadgeCommand> producer;

    public BadgeCommandPublisher(KafkaClients clients, Topics topics) {
        this.topic = topics.badgeCommands();
        this.producer = new KafkaProducer<>(clients.awaitedProducer(SEND_TIMEOUT),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * Sends {@code command} with {@code timestamp} as its record time (which becomes the award's
     * or revocation's time) and returns once the broker has it.
     *
     * @throws ServiceUnavailableException when the broker does not take it in time
     */
    public void publish(String peerMentorId, BadgeCommand command, Instant timestamp) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), peerMentorId, command))
                    .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while sending the badge command", RETRY_AFTER);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            String reason = e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage();
            throw new ServiceUnavailableException("Kafka did not confirm the badge command (" + reason
                    + "); retry shortly (if it did get through, the retry answers 409)", RETRY_AFTER);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

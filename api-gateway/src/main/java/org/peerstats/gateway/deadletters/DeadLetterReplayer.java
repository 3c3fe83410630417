package org.peerstats.gateway.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;

/**
 * Sends dead letters back to their input topics, each at most once: the re-sent record and the
 * dead letter's marker in {@code dead-letter-replays} are written in one Kafka transaction, so
 * either both are committed or neither is, and a reader that skips what has a marker
 * ({@code read_committed}) never sends a dead letter twice — also when a run is repeated or dies
 * half-way.
 *
 * <p>The transactional id is fixed per installation ({@link #transactionalId}), and
 * {@link #start} takes it before anything is read: a replay still running elsewhere is fenced
 * (it can commit nothing more), and a transaction it left open is finished by the broker, so
 * the markers read next are all there will be. Two operators replaying at once cannot both send
 * the same dead letter; the one that started first stops, saying so.
 */
public final class DeadLetterReplayer implements AutoCloseable {

    /** Every replay's transactional id starts so; the ACL an operator needs is on it. */
    public static final String TRANSACTIONAL_ID_PREFIX = "peerstats-dead-letter-replay-";
    private static final int MAX_BLOCK_MS = 30_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics.Topic<String, String> markers;
    private final Clock clock;

    private DeadLetterReplayer(KafkaProducer<byte[], byte[]> producer, Topics topics, Clock clock) {
        this.producer = producer;
        this.markers = topics.deadLetterReplays();
        this.clock = clock;
    }

    /** The transactional id of the replays of the installation with {@code applicationId}. */
    public static String transactionalId(String applicationId) {
        return TRANSACTIONAL_ID_PREFIX + applicationId;
    }

    /** A replayer holding the installation's transactional id, every earlier holder fenced. */
    public static DeadLetterReplayer start(KafkaClients clients, Topics topics, String applicationId, Clock clock) {
        Map<String, Object> settings = clients.producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS));
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(applicationId));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close();
            throw new IllegalStateException("cannot take the transactional id " + transactionalId(applicationId)
                    + ": " + e.getMessage(), e);
        }
        return new DeadLetterReplayer(producer, topics, clock);
    }

    /**
     * Sends {@code letter}'s key, value, timestamp and producer headers back to its original
     * topic and partition, marked {@link DeadLetter#REPLAY_OF_HEADER}, and writes its marker, in
     * one transaction. The caller has checked {@link DeadLetter#whyNotReplayable} and the markers.
     *
     * @return the marker: where the record went, and when
     */
    public String replay(DeadLetter letter) {
        String topic = letter.originalTopic().orElseThrow();
        Integer partition = letter.originalPartition().isPresent() ? letter.originalPartition().getAsInt() : null;
        Headers headers = letter.producerHeaders()
                .add(DeadLetter.REPLAY_OF_HEADER, letter.id().toString().getBytes(StandardCharsets.UTF_8));
        try {
            producer.beginTransaction();
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, partition, letter.timestamp().toEpochMilli(),
                    letter.key(), letter.value(), headers)).get();
            String marker = "sent back to " + sent.topic() + "-" + sent.partition() + "@" + sent.offset()
                    + " at " + clock.instant().truncatedTo(ChronoUnit.MILLIS);
            producer.send(new ProducerRecord<>(markers.name(),
                    markers.keySerde().serializer().serialize(markers.name(), letter.id().toString()),
                    markers.valueSerde().serializer().serialize(markers.name(), marker))).get();
            producer.commitTransaction();
            return marker;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProducerFencedException || e.getCause() instanceof InvalidProducerEpochException) {
                throw fenced(e.getCause());
            }
            abort();
            throw new IllegalStateException("sending " + letter.id() + " back failed, nothing of it was committed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new IllegalStateException("interrupted while sending " + letter.id() + " back", e);
        } catch (KafkaException e) {
            abort();
            throw new IllegalStateException("sending " + letter.id() + " back failed, nothing of it was committed: "
                    + e.getMessage(), e);
        }
    }

    private static IllegalStateException fenced(Throwable cause) {
        return new IllegalStateException("another `dead-letters replay` of this installation started and took the "
                + "transactional id over; this one stops (what it committed stays, the rest it did not send)", cause);
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException alreadyOver) {
            // nothing to abort, or a state that allows none: the broker aborts the transaction when it
            // times out or when the transactional id is taken again, so nothing of it is ever committed
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

package org.peerstats.gateway.field;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces JSON text the way producers in the field do: with librdkafka's default placement
 * ({@link LibrdkafkaPartitioner}), or into a partition the producer chose itself.
 */
public final class FieldProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    /** @param settings further client settings (a secured cluster's login) */
    public FieldProducer(String bootstrapServers, Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.PARTITIONER_CLASS_CONFIG, LibrdkafkaPartitioner.class.getName()));
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** As kcat would: partition by CRC32 of the key; a null {@code json} is a tombstone. */
    public void send(String topic, String key, String json, Instant recordTime) {
        send(topic, null, key, json, recordTime);
    }

    /** Into {@code partition}, whatever the key would hash to. */
    void sendTo(String topic, int partition, String key, String json, Instant recordTime) {
        send(topic, partition, key, json, recordTime);
    }

    private void send(String topic, Integer partition, String key, String json, Instant recordTime) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, recordTime.toEpochMilli(),
                    key.getBytes(StandardCharsets.UTF_8),
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

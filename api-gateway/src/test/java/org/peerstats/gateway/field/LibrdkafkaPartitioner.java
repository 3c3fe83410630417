package org.peerstats.gateway.field;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Places records as librdkafka's default partitioner, {@code consistent_random}, does — and so as
 * kcat, and the Python, Go, Node and .NET clients built on librdkafka do by default: the CRC32 of
 * the key bytes modulo the partition count, a random partition for a record without a key.
 * The Java client's default (murmur2) puts most keys elsewhere.
 */
public final class LibrdkafkaPartitioner implements Partitioner {

    /** The partition librdkafka's default partitioner gives {@code key} among {@code partitions}. */
    public static int partitionOf(byte[] key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        return keyBytes == null ? ThreadLocalRandom.current().nextInt(partitions) : partitionOf(keyBytes, partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}

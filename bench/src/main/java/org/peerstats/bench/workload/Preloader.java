package org.peerstats.bench.workload;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;

/**
 * Writes a workload into the activities topic before anything is measured, so no producer
 * competes with the measured application for the CPU.
 */
public final class Preloader {

    /** @param seconds how long producing took, until the broker acknowledged every record */
    public record Result(long records, double seconds) {
        public double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private Preloader() {
    }

    public static Result preload(String bootstrapServers, Topics.Topic<String, ActivityEvent> topic,
                                 List<TimedEvent> events) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, ActivityEvent> producer = new KafkaProducer<>(config,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (TimedEvent event : events) {
                producer.send(new ProducerRecord<>(topic.name(), null, event.timestamp(), event.key(), event.value()),
                        (metadata, exception) -> {
                            if (exception != null) {
                                failure.compareAndSet(null, exception);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic.name() + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return new Result(events.size(), (System.nanoTime() - started) / 1e9);
    }
}

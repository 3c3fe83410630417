package org.peerstats.gateway.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;
import org.peerstats.streams.clock.ClockTick;

/** {@link TickClock.TickSink} onto the {@code clock-ticks} topic, each tick confirmed by the broker before the next. */
public final class KafkaTickSink implements TickClock.TickSink, AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Topics.Topic<String, ClockTick> topic;
    private final KafkaProducer<String, ClockTick> producer;

    public KafkaTickSink(KafkaClients clients, Topics topics) {
        this.topic = topics.clockTicks();
        this.producer = new KafkaProducer<>(clients.awaitedProducer(SEND_TIMEOUT),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** @throws KafkaException when the broker does not confirm the tick in time (the clock tries again) */
    @Override
    public void write(ClockTick tick, Instant at) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), tick.key(), tick))
                    .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing " + tick, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Kafka did not confirm " + tick, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

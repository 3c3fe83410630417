package org.peerstats.streams.topology;

/**
 * Told of every record the topology sends to the dead-letter topic, e.g. to count it in a metric.
 * Passed to Kafka Streams as the config value {@link #CONFIG}; called on stream threads.
 */
@FunctionalInterface
public interface DeadLetterListener {

    String CONFIG = "peerstats.dead.letter.listener";

    DeadLetterListener NONE = (topic, stage, reason) -> { };

    /**
     * @param topic  the topic the bad record came from (for {@code production}: the topic it was bound for)
     * @param stage  {@code deserialization}, {@code processing} or {@code production}
     * @param reason what was wrong with it
     */
    void deadLettered(String topic, String stage, String reason);

    static DeadLetterListener from(java.util.Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterListener listener ? listener : NONE;
    }
}

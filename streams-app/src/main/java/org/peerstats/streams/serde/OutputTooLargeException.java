package org.peerstats.streams.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An output value that serialized to more bytes than its topic takes. Thrown by the serializer,
 * before the producer sees the record, so the production exception handler can dead-letter it
 * under exactly-once too (a record the producer itself refuses aborts the whole transaction).
 */
public final class OutputTooLargeException extends SerializationException {

    private final int size;

    OutputTooLargeException(String topic, int size, int limit) {
        super("the value for " + topic + " is " + size + " bytes; outputs are limited to " + limit + " bytes");
        this.size = size;
    }

    /** The serialized size of the refused value, in bytes. */
    public int size() {
        return size;
    }
}

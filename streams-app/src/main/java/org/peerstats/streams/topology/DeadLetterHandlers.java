package org.peerstats.streams.topology;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.peerstats.streams.events.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handlers that keep bad input from stopping the topology. Kafka Streams' own
 * log-and-continue handlers build the dead-letter record (KIP-1034: the original key and value
 * bytes, with {@code __streams.errors.*} headers naming the topic, partition, offset, exception
 * and message) when {@code errors.dead.letter.queue.topic.name} is set; these subclasses add
 * only the count, through the configured {@link DeadLetterListener}.
 */
public final class DeadLetterHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /** For records whose bytes are not a valid event (bad JSON, unknown enum value, ...). */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private DeadLetterListener listener = DeadLetterListener.NONE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            listener = DeadLetterListener.from(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                ConsumerRecord<byte[], byte[]> record, Exception exception) {
            listener.deadLettered(context.topic(), "deserialization", exception.getMessage());
            return super.handleError(context, record, exception);
        }
    }

    /** For events that parse but break a schema rule ({@link InvalidEventException}). */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private DeadLetterListener listener = DeadLetterListener.NONE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            listener = DeadLetterListener.from(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                Exception exception) {
            if (!(exception instanceof InvalidEventException)) {
                LOG.error("unexpected failure processing {}-{}@{}; record dead-lettered", context.topic(),
                        context.partition(), context.offset(), exception);
            }
            listener.deadLettered(context.topic(), "processing", exception.getMessage());
            return super.handleError(context, record, exception);
        }
    }
}

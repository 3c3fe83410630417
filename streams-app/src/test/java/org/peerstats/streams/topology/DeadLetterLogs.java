package org.peerstats.streams.topology;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Kafka's log-and-continue handlers log every bad record with its stack trace, and the test driver
 * warns on every read of a topic nothing was written to yet. Tests that feed thousands of records,
 * many bad on purpose, mute those loggers (the dead letters themselves are still asserted), which
 * takes most of the time out of a randomized run.
 */
final class DeadLetterLogs {

    private static final List<String> LOGGERS = List.of(LogAndContinueExceptionHandler.class.getName(),
            LogAndContinueProcessingExceptionHandler.class.getName(),
            "org.apache.kafka.streams.processor.internals.RecordDeserializer",
            // "Unrecognized topic" on every read of the dead-letter topic before its first record
            TopologyTestDriver.class.getName());

    private DeadLetterLogs() {
    }

    static void mute() {
        LOGGERS.forEach(name -> logger(name).setLevel(Level.ERROR));
    }

    static void unmute() {
        LOGGERS.forEach(name -> logger(name).setLevel(null));
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}

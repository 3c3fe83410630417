package org.peerstats.gateway.deadletters;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InvalidEventException;

/**
 * Why a record was refused, in plain words, from what its dead letter says: the exception's class
 * and message and the topic. The headers name a Java class ({@code SerializationException},
 * {@code InvalidEventException}) and a message written for a log; an operator wants to know
 * whether the producer sent bytes that are no JSON, JSON that breaks a rule — and which — or an
 * output was too large, and whether a setting could let it through.
 */
public final class RefusalReason {

    private static final String SERIALIZATION_EXCEPTION = "org.apache.kafka.common.errors.SerializationException";
    /** How {@code JsonSerde} starts its message: "not a valid ActivityEvent JSON document: ...". */
    private static final Pattern NOT_VALID_JSON = Pattern.compile("not a valid \\w+ JSON document: (.*)", Pattern.DOTALL);
    /** How {@code EventValidator} refuses a duration; only one over the upper bound can be let through. */
    private static final Pattern DURATION = Pattern.compile("duration_minutes (-?\\d+) is outside 0\\.\\.(\\d+)");

    private RefusalReason() {
    }

    /** The reason, one printable line of at most {@link Excerpt#LINE_CHARS} characters. */
    /**
     * Whether the dead letter's bytes could not be read as an event at all: sent back, the same
     * bytes fail the same way unless peerstats itself has changed, so {@code list} does not
     * suggest replaying it (the producer sends a corrected record).
     */
    public static boolean unreadable(DeadLetter letter) {
        return SERIALIZATION_EXCEPTION.equals(letter.exceptionClass());
    }

    public static String of(DeadLetter letter, Topics topics) {
        return Excerpt.printable(explain(letter, topics), Excerpt.LINE_CHARS);
    }

    static String explain(DeadLetter letter, Topics topics) {
        String message = letter.message();
        if (letter.outputTopic().isPresent()) {
            String size = letter.outputValueSize().isPresent()
                    ? " (" + letter.outputValueSize().getAsLong() + " bytes)" : "";
            return "the output for " + letter.outputTopic().get() + " was too large to send" + size + ": " + message;
        }
        String what = letter.originalTopic().map(topic -> recordOf(topic, topics)).orElse("a record");
        String exception = letter.exceptionClass();
        if (exception.equals(SERIALIZATION_EXCEPTION)) {
            Matcher json = NOT_VALID_JSON.matcher(message);
            return json.matches() ? "the bytes are not valid JSON for " + what + ": " + json.group(1)
                    : "the bytes could not be read as " + what + ": " + message;
        }
        if (exception.equals(InvalidEventException.class.getName())) {
            return "breaks a rule for " + what + ": \"" + message + "\"" + configurableBound(message);
        }
        if (exception.isEmpty()) {
            return "no reason recorded (no " + DeadLetter.EXCEPTION_HEADER + " header)";
        }
        return exception.substring(exception.lastIndexOf('.') + 1) + " while processing " + what + ": " + message;
    }

    /** What a record of {@code topic} is: "an activity", "a mentor profile", ... */
    static String recordOf(String topic, Topics topics) {
        Map<String, String> kinds = Map.of(
                topics.activities().name(), "an activity",
                topics.trainingCompletions().name(), "a training completion",
                topics.mentorProfiles().name(), "a mentor profile",
                topics.certifications().name(), "a certification",
                topics.assignments().name(), "an assignment",
                topics.badgeDefinitions().name(), "a badge definition",
                topics.badgeCommands().name(), "a badge command",
                topics.mentorDetailCommands().name(), "a mentor-detail command");
        if (kinds.containsKey(topic)) {
            return kinds.get(topic);
        }
        return topic.endsWith("-repartition") ? "an event in the mentors' task (after the ingest stage)"
                : "a record of " + topic;
    }

    /** Says which setting lets a refused value through, where one can. */
    private static String configurableBound(String message) {
        Matcher duration = DURATION.matcher(message);
        if (duration.matches() && Long.parseLong(duration.group(1)) > Long.parseLong(duration.group(2))) {
            return "; the upper bound is PEERSTATS_MAX_ACTIVITY_MINUTES";
        }
        return "";
    }
}

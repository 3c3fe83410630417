package org.peerstats.gateway.deadletters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerstats.streams.Topics;

/**
 * What {@code dead-letters list} prints for one dead letter: its id (what {@code replay} takes),
 * where the refused record came from and when it was produced, its key, the reason in plain words,
 * an excerpt of its value, and whether it can be — or was — sent back. Everything taken from the
 * record is escaped and bounded ({@link Excerpt}).
 *
 * <pre>
 * 0:12  from peerstats.activities 2:40  2026-03-26T12:00:00Z  key pm-kari-001
 *   why:    breaks a rule for an activity: "duration_minutes 2000 is outside 0..1440"; ...
 *   value:  {"op":"upsert","activity_id":"camp",…} (213 bytes)
 *   replay: can be sent back
 * </pre>
 */
public final class DeadLetterReport {

    private static final int KEY_CHARS = 100;

    private DeadLetterReport() {
    }

    /** @param marker the dead letter's replay marker, when it was sent back */
    public static List<String> lines(DeadLetter letter, Topics topics, Optional<String> marker) {
        List<String> lines = new ArrayList<>();
        lines.add(letter.id() + "  " + origin(letter) + "  " + letter.timestamp() + "  key "
                + (letter.key() == null ? "(none)"
                        : Excerpt.printable(new String(letter.key(), StandardCharsets.UTF_8), KEY_CHARS)));
        lines.add("  why:    " + RefusalReason.of(letter, topics));
        lines.add("  value:  " + Excerpt.ofValue(letter.value(), Excerpt.VALUE_CHARS));
        letter.replayOf().ifPresent(earlier -> lines.add("  note:   a replay of " + earlier + ", refused again"));
        lines.add("  replay: " + marker.map(m -> "done, " + Excerpt.printable(m, Excerpt.LINE_CHARS)).orElseGet(() -> letter.whyNotReplayable(topics)
                .map(why -> "not possible: " + Excerpt.printable(why, Excerpt.LINE_CHARS))
                .orElse(RefusalReason.unreadable(letter)
                        ? "can be sent back, as the same bytes: worth it only once peerstats reads them (a fix); "
                                + "a producer's malformed record is corrected by the producer"
                        : "can be sent back")));
        return lines;
    }

    /** {@code from peerstats.activities 2:40}, {@code output for peerstats.mentor-stats}, ... */
    static String origin(DeadLetter letter) {
        if (letter.outputTopic().isPresent()) {
            return "output for " + Excerpt.printable(letter.outputTopic().get(), KEY_CHARS);
        }
        if (letter.originalTopic().isEmpty()) {
            return "from an unnamed topic";
        }
        String topic = Excerpt.printable(letter.originalTopic().get(), KEY_CHARS);
        if (letter.originalPartition().isEmpty() || letter.originalOffset().isEmpty()) {
            return "from " + topic + " (no partition or offset recorded)";
        }
        return "from " + topic + " " + letter.originalPartition().getAsInt() + ":" + letter.originalOffset().getAsLong();
    }
}

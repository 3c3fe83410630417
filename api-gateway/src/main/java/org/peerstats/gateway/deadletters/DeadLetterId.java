package org.peerstats.gateway.deadletters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a dead letter is in the dead-letter topic, written {@code partition:offset}: the name an
 * operator reads in {@code dead-letters list} and gives to {@code dead-letters replay}, and the key
 * of its replay marker. Nothing else names a dead letter for good: its key is the producer's and
 * need not be unique, and the offset of the original record names a record of another topic.
 */
public record DeadLetterId(int partition, long offset) implements Comparable<DeadLetterId> {

    private static final Comparator<DeadLetterId> ORDER =
            Comparator.comparingInt(DeadLetterId::partition).thenComparingLong(DeadLetterId::offset);

    public DeadLetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("a partition and an offset are not negative: " + partition + ":" + offset);
        }
    }

    /** {@code "3:17"}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static DeadLetterId parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 1 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not PARTITION:OFFSET (e.g. 0:12)");
        }
        try {
            return new DeadLetterId(Integer.parseInt(trimmed.substring(0, colon)),
                    Long.parseLong(trimmed.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not PARTITION:OFFSET (e.g. 0:12)", e);
        }
    }

    /** {@code "0:12,1:3"}: each id once, in the order given. */
    public static List<DeadLetterId> parseList(String text) {
        Set<DeadLetterId> ids = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ids.add(parse(part));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no PARTITION:OFFSET given");
        }
        return new ArrayList<>(ids);
    }

    @Override
    public int compareTo(DeadLetterId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}

package org.peerstats.streams.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bounds every input must keep, in one place: the validators of the ingest stage and the REST
 * layer check them, the README's producer contract and {@code docs/schemas/} state them.
 *
 * <p>They exist to keep every state-store and changelog record far below the broker's default
 * record limit (1 MiB): a changelog record that is too large cannot be dead-lettered, it stops the
 * task. The largest record a mentor can reach at every bound at once, with every character taking
 * three bytes, is the mentor's stats state: {@value #MAX_DISTINCT_MENTEES} mentee ids and
 * {@value #MAX_MODULES} module ids of {@value #MAX_ID_LENGTH} characters, 399 KB
 * ({@code RecordSizeBoundsTest} builds it and measures it).
 *
 * <p>Lengths are counted in Java characters (UTF-16 code units), as {@link String#length()} does.
 * Ids, names, codes and addresses may not hold control characters (free texts may: a note can
 * have line breaks), which also bounds how much a JSON escape can grow them.
 */
public final class Limits {

    /** Ids and keys: activity, mentor, organisation, mentee, module, assignment, badge, command ids. */
    public static final int MAX_ID_LENGTH = 100;
    /** Names: a mentor's full name, a contact's name, a badge's name, who awarded a badge. */
    public static final int MAX_NAME_LENGTH = 200;
    /** An e-mail address (RFC 5321's limit for a forward path). */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** Short codes: a profile's or an assignment's status. */
    public static final int MAX_STATUS_LENGTH = 50;
    /** Free texts: a note, a revoke reason, a badge's description or icon URL. */
    public static final int MAX_TEXT_LENGTH = 2000;

    /** No activity, completion or certification before this instant is taken. */
    public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * No activity or completion at or after this instant is taken, whatever the record's
     * timestamp (which the producer sets): it bounds a mentor's active days, and so its streak runs.
     */
    public static final Instant LATEST_EVENT_TIME = Instant.parse("2100-01-01T00:00:00Z");
    /** How far past the record's timestamp an activity or a completion may claim to have happened. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);
    /** How far past the record's timestamp a certification may expire. */
    public static final Duration MAX_EXPIRY_AHEAD = Duration.ofDays(100 * 366);

    /** Distinct mentees one mentor's live activities may name. */
    public static final int MAX_DISTINCT_MENTEES = 1000;
    /** Distinct training modules one mentor may have completed. */
    public static final int MAX_MODULES = 200;
    /** Open assignments one mentor may hold at once. */
    public static final int MAX_OPEN_ASSIGNMENTS = 200;

    private Limits() {
    }

    /** Throws {@link InvalidEventException} when {@code value} is longer than {@code max} characters. */
    public static void requireAtMost(String value, int max, String field) {
        Optional<String> tooLong = excessLength(value, max, field);
        if (tooLong.isPresent()) {
            throw new InvalidEventException(tooLong.get());
        }
    }

    /**
     * Why {@code value} is too long for {@code field} ({@code "note is 2001 characters long; the limit
     * is 2000"}), or empty when it is null or at most {@code max} characters: the one wording of the
     * ingest stage and the REST layer.
     */
    public static Optional<String> excessLength(String value, int max, String field) {
        return value != null && value.length() > max
                ? Optional.of(field + " is " + value.length() + " characters long; the limit is " + max)
                : Optional.empty();
    }

    /**
     * Throws {@link InvalidEventException} unless {@code value} has text, at most {@code max}
     * characters and no control character (ids, names, codes and addresses are one line of text).
     */
    public static void requireText(String value, int max, String field) {
        EventValidator.requireText(value, field);
        lineProblem(value, max, field).ifPresent(problem -> {
            throw new InvalidEventException(problem);
        });
    }

    /**
     * Why {@code value} is not one line of at most {@code max} characters (too long, or holding a
     * control character), or empty when it is null or fine: the one wording of the ingest stage
     * and the REST layer for ids, names, codes and addresses.
     */
    public static Optional<String> lineProblem(String value, int max, String field) {
        Optional<String> tooLong = excessLength(value, max, field);
        if (tooLong.isPresent() || value == null) {
            return tooLong;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return Optional.of(String.format("%s has a control character (U+%04X) at index %d",
                        field, (int) value.charAt(i), i));
            }
        }
        return Optional.empty();
    }

    /** An id: present, not blank, at most {@value #MAX_ID_LENGTH} characters. */
    public static void requireId(String value, String field) {
        requireText(value, MAX_ID_LENGTH, field);
    }

    /** An id that may be absent: when present, {@link #requireId}. */
    public static void optionalId(String value, String field) {
        if (value != null) {
            requireId(value, field);
        }
    }

    /** Throws {@link InvalidEventException} when {@code instant} is before {@link #EARLIEST_TIME}. */
    public static void requireNotBeforeEarliest(Instant instant, String field) {
        if (instant.isBefore(EARLIEST_TIME)) {
            throw new InvalidEventException(field + " " + instant + " is before " + EARLIEST_TIME
                    + ", the earliest time taken");
        }
    }

    /**
     * Throws {@link InvalidEventException} unless {@code instant} lies in [2000-01-01, recordTime +
     * 1 day] and before 2100-01-01.
     */
    public static void requireEventTime(Instant instant, String field, Instant recordTime) {
        requireNotBeforeEarliest(instant, field);
        if (!instant.isBefore(LATEST_EVENT_TIME)) {
            throw new InvalidEventException(field + " " + instant + " is not before " + LATEST_EVENT_TIME
                    + ", the end of the times taken");
        }
        if (instant.isAfter(recordTime.plus(MAX_FUTURE_SKEW))) {
            throw new InvalidEventException(field + " " + instant + " is more than "
                    + MAX_FUTURE_SKEW.toHours() + " h after the record's timestamp " + recordTime);
        }
    }
}

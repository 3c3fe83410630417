package org.peerstats.streams.organisations;

import java.nio.ByteBuffer;

/**
 * Counts that add up over mentors: one mentor's contribution to an organisation's period, a change
 * of it, or the organisation's total. Every field is a sum over mentors, so a total is the sum of
 * the changes sent to it, in any order, and a change is taken back by adding its negation.
 *
 * @param activeMentors            mentors with at least one activity counted in the period
 * @param badgesAwarded            badges awarded in the period and still held
 * @param mentorsWithCurrentStreak mentors whose stats document shows a current streak (kept under
 *                                 {@link PeriodKey#ALL_TIME} only)
 */
public record Tally(long activeMentors, long activities, long sessions, long minutes, long badgesAwarded,
                    long mentorsWithCurrentStreak) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);
    private static final int BYTES = 6 * Long.BYTES;

    static Tally activeMentors(long n) {
        return new Tally(n, 0, 0, 0, 0, 0);
    }

    static Tally activity(long activities, long sessions, long minutes) {
        return new Tally(0, activities, sessions, minutes, 0, 0);
    }

    static Tally badges(long n) {
        return new Tally(0, 0, 0, 0, n, 0);
    }

    static Tally streaks(long n) {
        return new Tally(0, 0, 0, 0, 0, n);
    }

    public Tally plus(Tally other) {
        return new Tally(activeMentors + other.activeMentors, activities + other.activities,
                sessions + other.sessions, minutes + other.minutes, badgesAwarded + other.badgesAwarded,
                mentorsWithCurrentStreak + other.mentorsWithCurrentStreak);
    }

    public Tally negated() {
        return ZERO.minus(this);
    }

    public Tally minus(Tally other) {
        return new Tally(activeMentors - other.activeMentors, activities - other.activities,
                sessions - other.sessions, minutes - other.minutes, badgesAwarded - other.badgesAwarded,
                mentorsWithCurrentStreak - other.mentorsWithCurrentStreak);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Six big-endian longs: stores read and write a tally for every activity. */
    public static byte[] encode(Tally tally) {
        return ByteBuffer.allocate(BYTES).putLong(tally.activeMentors).putLong(tally.activities)
                .putLong(tally.sessions).putLong(tally.minutes).putLong(tally.badgesAwarded)
                .putLong(tally.mentorsWithCurrentStreak).array();
    }

    /** @throws IllegalArgumentException unless {@code bytes} is {@link #encode}'s form */
    public static Tally decode(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a tally is " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new Tally(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }
}

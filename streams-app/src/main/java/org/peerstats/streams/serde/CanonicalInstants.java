package org.peerstats.streams.serde;

import java.time.Instant;

/**
 * A fast path for instants in the one form our producers and our own documents use,
 * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (UTC). Jackson's instant serde goes through
 * {@code DateTimeFormatter} for every value, which was 5 % of the stream thread in a replay and
 * 6 % of a stats request (docs/benchmarks.md); this does the calendar arithmetic directly.
 * <ul>
 *   <li>{@link #parse} reads zero to nine fraction digits. Anything else — an offset, a leap
 *       second, an impossible date, a five-digit year — is not recognised ({@code null}) and goes
 *       to Jackson as before, so what is accepted and what is refused does not change.</li>
 *   <li>{@link #format} writes exactly what {@link Instant#toString()} writes (fractions in groups
 *       of three digits), for the years 0 to 9999; other years go to {@code toString()}.</li>
 * </ul>
 */
final class CanonicalInstants {

    private static final int SHORTEST = "2026-01-01T00:00:00Z".length();
    private static final int LONGEST = "2026-01-01T00:00:00.123456789Z".length();
    private static final long SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01, in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_TO_1970 = 719_468;
    private static final long EPOCH_DAY_0000 = -719_528;
    private static final long EPOCH_DAY_9999 = 2_932_896;

    private CanonicalInstants() {
    }

    /** The instant {@code text} names in the canonical form, or {@code null} when it is in another form. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fractionDigits = length - SHORTEST - 1;
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** {@code instant} as {@link Instant#toString()} writes it. */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (epochDay < EPOCH_DAY_0000 || epochDay > EPOCH_DAY_9999) {
            return instant.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // civil date from days since 0000-03-01, in eras of 400 years
        long days = epochDay + DAYS_0000_TO_1970;
        long era = Math.floorDiv(days, 146_097);
        long dayOfEra = days - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int nanos = instant.getNano();
        char[] text = new char[nanos == 0 ? SHORTEST : nanos % 1_000_000 == 0 ? SHORTEST + 4
                : nanos % 1_000 == 0 ? SHORTEST + 7 : LONGEST];
        put(text, 0, year, 4);
        text[4] = '-';
        put(text, 5, month, 2);
        text[7] = '-';
        put(text, 8, day, 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        if (text.length > SHORTEST) {
            text[19] = '.';
            int fractionDigits = text.length - SHORTEST - 1;
            int fraction = nanos;
            for (int i = fractionDigits; i < 9; i++) {
                fraction /= 10;
            }
            put(text, 20, fraction, fractionDigits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code count} decimal digits at {@code start}, with leading zeros. */
    private static void put(char[] text, int start, int value, int count) {
        for (int i = start + count - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code start}, or -1 when one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date with a year of 0 or later (eras of 400 years from March). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - DAYS_0000_TO_1970;
    }
}

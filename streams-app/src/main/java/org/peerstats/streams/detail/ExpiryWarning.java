package org.peerstats.streams.detail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How close a certification is to expiring, as of a query's day: a query-time value, never stored.
 * The expiry is a calendar date carried as its UTC midnight; "today" is the caller's local day.
 *
 * @param daysUntilExpiry     calendar days from today to the expiry date: 0 on the day itself,
 *                            negative once expired
 * @param withinWarningWindow {@code daysUntilExpiry <= warningDays}, so an expired certification
 *                            is within the window too: it needs attention all the more
 */
public record ExpiryWarning(long daysUntilExpiry, boolean withinWarningWindow) {

    public static ExpiryWarning of(Instant expiry, LocalDate today, int warningDays) {
        long days = ChronoUnit.DAYS.between(today, expiry.atZone(ZoneOffset.UTC).toLocalDate());
        return new ExpiryWarning(days, days <= warningDays);
    }
}

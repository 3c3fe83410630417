package org.peerstats.streams.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExpiryWarningTest {

    private static final Instant EXPIRY = Instant.parse("2028-01-20T00:00:00Z");

    @Test
    void daysUntilExpiryCountsCalendarDaysAsInTheContract() {
        assertEquals(new ExpiryWarning(665, false), ExpiryWarning.of(EXPIRY, LocalDate.parse("2026-03-26"), 90));
    }

    @Test
    void theWarningWindowIncludesItsLastDayAndTheExpiryDayItself() {
        assertEquals(new ExpiryWarning(91, false), ExpiryWarning.of(EXPIRY, LocalDate.parse("2027-10-21"), 90));
        assertEquals(new ExpiryWarning(90, true), ExpiryWarning.of(EXPIRY, LocalDate.parse("2027-10-22"), 90));
        assertEquals(new ExpiryWarning(0, true), ExpiryWarning.of(EXPIRY, LocalDate.parse("2028-01-20"), 90));
    }

    @Test
    void anExpiredCertificationHasNegativeDaysAndIsWithinTheWindow() {
        assertEquals(new ExpiryWarning(-3, true), ExpiryWarning.of(EXPIRY, LocalDate.parse("2028-01-23"), 90));
    }

    @Test
    void theWindowIsConfigurable() {
        assertEquals(new ExpiryWarning(20, false), ExpiryWarning.of(EXPIRY, LocalDate.parse("2027-12-31"), 14));
        assertEquals(new ExpiryWarning(14, true), ExpiryWarning.of(EXPIRY, LocalDate.parse("2028-01-06"), 14));
    }
}

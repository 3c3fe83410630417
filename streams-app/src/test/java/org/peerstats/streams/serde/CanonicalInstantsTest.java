package org.peerstats.streams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalInstantsTest {

    @Test
    void readsWhatInstantParseReadsForRandomInstantsAndEveryFractionLength() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
            String full = instant.toString().replace("Z", "");
            String seconds = full.contains(".") ? full.substring(0, full.indexOf('.')) : full;
            String nanos = String.format("%09d", instant.getNano());
            for (int digits = 0; digits <= 9; digits++) {
                String text = seconds + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + "Z";
                assertEquals(Instant.parse(text), CanonicalInstants.parse(text), text);
            }
        }
    }

    @Test
    void writesWhatInstantToStringWritesFromYear0To9999AndFallsBackBeyond() {
        SplittableRandom random = new SplittableRandom(11);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanoShapes = {0, 1_000_000, 1_000, 1};
        for (int i = 0; i < 50_000; i++) {
            int shape = nanoShapes[i % nanoShapes.length];
            int nanos = shape == 0 ? 0 : random.nextInt(1, 1_000_000_000 / shape) * shape;
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), nanos);
            assertEquals(instant.toString(), CanonicalInstants.format(instant));
        }
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2000-02-29T12:00:00.000001Z",
                "2100-03-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant instant = Instant.parse(edge);
            assertEquals(instant.toString(), CanonicalInstants.format(instant), edge);
        }
    }

    @Test
    void theMapperWritesInstantsAsBefore() throws Exception {
        record Stamp(Instant at) {
        }
        assertEquals("{\"at\":\"2026-03-01T10:00:00.120Z\"}",
                Json.mapper().writeValueAsString(new Stamp(Instant.parse("2026-03-01T10:00:00.12Z"))));
        assertEquals("{\"at\":null}", Json.mapper().writeValueAsString(new Stamp(null)));
    }

    @Test
    void epochDayAgreesWithTheJdkAcrossLeapYearsAndCenturies() {
        for (LocalDate date = LocalDate.of(1896, 1, 1); date.isBefore(LocalDate.of(2105, 1, 1)); date = date.plusDays(1)) {
            assertEquals(date.toEpochDay(), CanonicalInstants.epochDay(date.getYear(), date.getMonthValue(),
                    date.getDayOfMonth()), date.toString());
        }
        assertEquals(LocalDate.of(0, 1, 1).toEpochDay(), CanonicalInstants.epochDay(0, 1, 1));
        assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), CanonicalInstants.epochDay(2000, 2, 29));
    }

    /** Every other form is left to Jackson, which decides as it did before the fast path. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T10:00:00+02:00", "2026-03-01T10:00:00.Z", "2026-03-01T10:00:00.1234567890Z",
            "2026-02-29T10:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-03-00T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T23:60:00Z",
            "2026-03-01T23:59:60Z", "2026-03-01 10:00:00Z", "2026-03-01T10:00:00z", " 2026-03-01T10:00:00Z",
            "+12026-03-01T10:00:00Z", "2026-3-01T10:00:00Z", "2026-03-01T10:00Z", "2026-03-01T1a:00:00Z",
            "2026-03-01T10:00:00.1a3Z", "2026-03-01T10:00:00,5Z", ""})
    void otherFormsAreNotRecognised(String text) {
        assertNull(CanonicalInstants.parse(text), text);
    }

    @Test
    void theMapperStillReadsAnOffsetAndStillRefusesAnImpossibleDate() throws Exception {
        record Stamp(Instant at) {
        }
        assertEquals(Instant.parse("2026-03-01T08:00:00Z"),
                Json.mapper().readValue("{\"at\":\"2026-03-01T10:00:00+02:00\"}", Stamp.class).at());
        assertEquals(Instant.parse("2026-03-01T10:00:00.5Z"),
                Json.mapper().readValue("{\"at\":\"2026-03-01T10:00:00.5Z\"}", Stamp.class).at());
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> Json.mapper().readValue("{\"at\":\"2026-02-30T10:00:00Z\"}", Stamp.class));
    }
}

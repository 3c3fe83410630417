package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatLocaleTest {

    @Test
    void theFormattingLocaleBecomesUsAndTheFormerOneIsReturned() {
        Locale original = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
            assertEquals("1.234,5", String.format("%,.1f", 1234.5));

            assertEquals(Locale.GERMANY, FormatLocale.useUnitedStates());

            assertEquals(Locale.US, Locale.getDefault(Locale.Category.FORMAT));
            assertEquals("1,234.5", String.format("%,.1f", 1234.5));
            assertEquals(display, Locale.getDefault(Locale.Category.DISPLAY));
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, original);
        }
    }
}

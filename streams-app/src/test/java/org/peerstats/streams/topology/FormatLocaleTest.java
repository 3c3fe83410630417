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
            Locale norwegian = Locale.forLanguageTag("nb-NO");
            Locale.setDefault(Locale.Category.FORMAT, norwegian);
            assertEquals("1 234,5", String.format("%,.1f", 1234.5).replace('\u00a0', ' '));

            assertEquals(norwegian, FormatLocale.useUnitedStates());

            assertEquals(Locale.US, Locale.getDefault(Locale.Category.FORMAT));
            assertEquals("1,234.5", String.format("%,.1f", 1234.5));
            assertEquals(display, Locale.getDefault(Locale.Category.DISPLAY));
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, original);
        }
    }
}

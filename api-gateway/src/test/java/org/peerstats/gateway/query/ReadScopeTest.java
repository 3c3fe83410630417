package org.peerstats.gateway.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The located partition counts for the mentor the request was routed for, and for no other. */
class ReadScopeTest {

    @Test
    void thePartitionIsKnownForTheLocatedMentorOnly() {
        ReadScope kari = new ReadScope("pm-kari-001", 4, false);

        assertEquals(OptionalInt.of(4), kari.partitionOf("pm-kari-001"));
        assertEquals(OptionalInt.empty(), kari.partitionOf("pm-ola-002"));
    }

    @Test
    void anywhereKnowsNoPartitionAndReadsActiveCopiesOnly() {
        assertEquals(OptionalInt.empty(), ReadScope.ANYWHERE.partitionOf("pm-kari-001"));
        assertFalse(ReadScope.ANYWHERE.staleAllowed());
    }
}

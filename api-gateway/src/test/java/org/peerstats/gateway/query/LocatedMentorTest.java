package org.peerstats.gateway.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocatedMentorTest {

    @Test
    void thePartitionIsKnownOnlyForTheRoutedMentorAndOnlyWhileTheHandlerRuns() throws Exception {
        List<OptionalInt> seen = LocatedMentor.within("pm-kari-001", 4, () -> List.of(
                LocatedMentor.partitionOf("pm-kari-001"), LocatedMentor.partitionOf("pm-ola-002")));

        assertEquals(List.of(OptionalInt.of(4), OptionalInt.empty()), seen);
        assertEquals(OptionalInt.empty(), LocatedMentor.partitionOf("pm-kari-001"));
    }

    @Test
    void itIsRemovedWhenTheHandlerFailsAndAnInnerRouteRestoresTheOuterOne() throws Exception {
        assertThrows(IllegalStateException.class, () -> LocatedMentor.within("pm-kari-001", 4, () -> {
            throw new IllegalStateException("handler failed");
        }));
        assertEquals(OptionalInt.empty(), LocatedMentor.partitionOf("pm-kari-001"));

        OptionalInt afterInner = LocatedMentor.within("pm-kari-001", 4, () -> {
            LocatedMentor.within("pm-ola-002", 1, () -> null);
            return LocatedMentor.partitionOf("pm-kari-001");
        });
        assertEquals(OptionalInt.of(4), afterInner);
    }
}

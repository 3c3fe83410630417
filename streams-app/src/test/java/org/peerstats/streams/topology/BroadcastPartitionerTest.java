package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BroadcastPartitionerTest {

    private final BroadcastPartitioner<String, String> partitioner = new BroadcastPartitioner<>();

    @Test
    void everyRecordGoesToEveryPartition() {
        assertEquals(Optional.of(Set.of(0, 1, 2, 3, 4, 5)), partitioner.partitions("t", "bdg-def-001", "v", 6));
        assertEquals(Optional.of(Set.of(0, 1, 2)), partitioner.partitions("t", "other-key", null, 3));
        assertEquals(Optional.of(Set.of(0)), partitioner.partitions("t", "bdg-def-001", "v", 1));
    }
}

package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group.instance.id: generated once per data directory and kept; a configured one wins. */
class InstanceIdTest {

    @TempDir
    Path dir;

    @Test
    void anIdIsGeneratedOnceAndKeptInTheDataDirectory() throws Exception {
        String first = InstanceId.resolve(Optional.empty(), dir);
        String again = InstanceId.resolve(Optional.empty(), dir);

        assertTrue(first.matches("peerstats-[0-9a-f-]{36}"), first);
        assertEquals(first, again);
        assertEquals(first, Files.readString(dir.resolve(InstanceId.FILE)).strip());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void twoDataDirectoriesNeverShareAnId() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));

        assertNotEquals(InstanceId.resolve(Optional.empty(), dir), InstanceId.resolve(Optional.empty(), other));
    }

    @Test
    void aConfiguredIdWinsAndWritesNothing() throws Exception {
        assertEquals("peerstats-eu-1", InstanceId.resolve(Optional.of("peerstats-eu-1"), dir));
        assertTrue(Files.notExists(dir.resolve(InstanceId.FILE)));
    }

    @Test
    void anIdKafkaWouldNotTakeIsRefusedWithWhereItCameFrom() throws Exception {
        IllegalArgumentException configured = assertThrows(IllegalArgumentException.class,
                () -> InstanceId.resolve(Optional.of("eu 1"), dir));
        assertTrue(configured.getMessage().startsWith("PEERSTATS_INSTANCE_ID must be"), configured.getMessage());

        Files.writeString(dir.resolve(InstanceId.FILE), "x".repeat(101));
        IllegalArgumentException kept = assertThrows(IllegalArgumentException.class,
                () -> InstanceId.resolve(Optional.empty(), dir));
        assertTrue(kept.getMessage().contains(InstanceId.FILE), kept.getMessage());
    }
}

package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PEERSTATS_STREAM_THREAD_RESTARTS}: how often a failed stream thread is replaced within 10 minutes. */
class StreamThreadRestartsSettingsTest {

    @Test
    void threeRestartsByDefaultListedAtStartUp() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of());

        assertEquals(3, config.streamThreadRestarts());
        assertEquals("3", config.describe().get("stream.thread.restarts"));
    }

    @Test
    void zeroIsAllowedAndWithKafkaKeepsIt() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_STREAM_THREAD_RESTARTS", "0"));

        assertEquals(0, config.withKafka("localhost:1", 0, Path.of("x"), "app").streamThreadRestarts());
    }

    @Test
    void aNegativeCountIsRefusedNamingTheVariable() {
        assertEquals("PEERSTATS_STREAM_THREAD_RESTARTS must be at least 0, not -1", assertThrows(
                IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_STREAM_THREAD_RESTARTS", "-1"))).getMessage());
    }
}

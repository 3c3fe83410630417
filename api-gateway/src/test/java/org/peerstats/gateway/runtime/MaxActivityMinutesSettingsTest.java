package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PEERSTATS_MAX_ACTIVITY_MINUTES}: the longest activity the topology takes. */
class MaxActivityMinutesSettingsTest {

    @Test
    void aWholeDayByDefaultListedAtStartUpAndGivenToTheTopology() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of());

        assertEquals(1440, config.maxActivityMinutes());
        assertEquals("1440", config.describe().get("max.activity.minutes"));
        assertEquals(1440, config.topologySettings().maxActivityMinutes());
    }

    @Test
    void aRaisedBoundReachesTheTopologyAndSurvivesWithKafka() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_MAX_ACTIVITY_MINUTES", "2880"))
                .withKafka("localhost:1", 0, Path.of("x"), "app");

        assertEquals(2880, config.topologySettings().maxActivityMinutes());
    }

    @Test
    void aBoundOutsideOneMinuteToAWeekIsRefusedNamingTheVariable() {
        assertEquals("PEERSTATS_MAX_ACTIVITY_MINUTES must be at least 1, not 0", assertThrows(
                IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_MAX_ACTIVITY_MINUTES", "0"))).getMessage());
        assertEquals("PEERSTATS_MAX_ACTIVITY_MINUTES must be at most 10080, not 10081", assertThrows(
                IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_MAX_ACTIVITY_MINUTES", "10081"))).getMessage());
    }
}

package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PEERSTATS_TOKEN_CACHE_SIZE}: how many verified tokens the gateway remembers. */
class TokenCacheSettingsTest {

    @Test
    void tenThousandTokensByDefaultListedAtStartUp() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of());

        assertEquals(10_000, config.tokenCacheSize());
        assertEquals("10000", config.describe().get("token.cache.size"));
    }

    @Test
    void zeroSwitchesItOffAndWithKafkaKeepsIt() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_TOKEN_CACHE_SIZE", "0"));

        assertEquals(0, config.tokenCacheSize());
        assertEquals(0, config.withKafka("localhost:1", 0, Path.of("x"), "app").tokenCacheSize());
    }

    @Test
    void aNegativeSizeIsRefusedNamingTheVariable() {
        assertEquals("PEERSTATS_TOKEN_CACHE_SIZE must be at least 0, not -5", assertThrows(
                IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_TOKEN_CACHE_SIZE", "-5"))).getMessage());
    }
}

package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code PEERSTATS_PEER_SECRET} as the configuration reads it and lists it at start: never in clear. */
class PeerSecretSettingsTest {

    private static final String PEER_SECRET = "a-peer-secret-of-at-least-32-bytes!";

    @Test
    void aConfiguredPeerSecretIsReadAndListedMasked() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_PEER_SECRET", PEER_SECRET));

        assertEquals(Optional.of(PEER_SECRET), config.peerSecret());
        assertEquals("****** (configured)", config.describe().get("peer.secret"));
        assertFalse(config.describe().values().stream().anyMatch(value -> value.contains(PEER_SECRET)));
    }

    @Test
    void withoutOneTheListingSaysWhichSecretTheKeyIsDerivedFrom() {
        assertEquals("derived from the JWT secret", PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_JWT_SECRET", "a-jwt-secret-of-at-least-32-bytes-long")).describe().get("peer.secret"));
        assertEquals("derived from the development secret in data dir",
                PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_PEER_SECRET", " ")).describe().get("peer.secret"));
    }
}

package org.peerstats.gateway.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.JwtSecrets;

class PeerKeyTest {

    private static final String JWT_SECRET = "the-jwt-secret-every-instance-is-given";

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredPeerSecretIsTheKeyAsItIs() throws Exception {
        String configured = "a-peer-secret-of-at-least-32-bytes!";

        PeerKey key = PeerKey.resolve(Optional.of(configured), JwtSecrets.resolve(Optional.of(JWT_SECRET), dataDir));

        assertEquals(PeerKey.Source.PEER_SECRET, key.source());
        assertArrayEquals(configured.getBytes(StandardCharsets.UTF_8), key.bytes());
    }

    @Test
    void aPeerSecretShorterThan32BytesIsRefusedNamingTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> PeerKey.configured("x".repeat(31)));

        assertEquals("PEERSTATS_PEER_SECRET must be at least 32 bytes, got 31", e.getMessage());
    }

    @Test
    void withoutOneInstancesSharingTheJwtSecretDeriveOneKeyThatIsNotTheJwtSecret(@TempDir Path otherDataDir)
            throws Exception {
        PeerKey a = PeerKey.resolve(Optional.empty(), JwtSecrets.resolve(Optional.of(JWT_SECRET), dataDir));
        PeerKey b = PeerKey.resolve(Optional.empty(), JwtSecrets.resolve(Optional.of(JWT_SECRET), otherDataDir));
        PeerKey other = PeerKey.resolve(Optional.empty(),
                JwtSecrets.resolve(Optional.of("another-jwt-secret-of-32-bytes-or-more"), dataDir));

        assertEquals(PeerKey.Source.JWT_SECRET, a.source());
        assertArrayEquals(a.bytes(), b.bytes());
        assertEquals(32, a.bytes().length);
        assertFalse(Arrays.equals(a.bytes(), other.bytes()));
        assertFalse(Arrays.equals(a.bytes(), Arrays.copyOf(JWT_SECRET.getBytes(StandardCharsets.UTF_8), 32)));
    }

    @Test
    void theDevelopmentSecretGivesAKeyOfThisDataDirectoryOnlyAndSaysSo(@TempDir Path otherDataDir) throws Exception {
        PeerKey here = PeerKey.resolve(Optional.empty(), JwtSecrets.resolve(Optional.empty(), dataDir));
        PeerKey elsewhere = PeerKey.resolve(Optional.empty(), JwtSecrets.resolve(Optional.empty(), otherDataDir));

        assertEquals(PeerKey.Source.DEVELOPMENT_SECRET, here.source());
        assertFalse(Arrays.equals(here.bytes(), elsewhere.bytes()));
        assertArrayEquals(here.bytes(),
                PeerKey.resolve(Optional.empty(), JwtSecrets.resolve(Optional.empty(), dataDir)).bytes(),
                "the same after a restart");
    }

    @Test
    void theKeyIsNeverPrinted() {
        String configured = "a-peer-secret-of-at-least-32-bytes!";

        assertFalse(PeerKey.configured(configured).toString().contains(configured));
    }
}

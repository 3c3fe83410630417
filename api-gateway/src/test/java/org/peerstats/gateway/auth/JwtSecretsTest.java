package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretsTest {

    @TempDir
    Path dataDir;

    private Path secretFile() {
        return dataDir.resolve("jwt-secret");
    }

    @Test
    void configuredSecretIsUsedAsIsAndNoFileIsWritten() throws Exception {
        var configured = "a-configured-secret-of-at-least-32-bytes";

        var secrets = JwtSecrets.resolve(Optional.of(configured), dataDir);

        assertArrayEquals(configured.getBytes(StandardCharsets.UTF_8), secrets.secret());
        assertFalse(secrets.isDevelopmentSecret());
        assertFalse(Files.exists(secretFile()));
    }

    @Test
    void shortConfiguredSecretIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> JwtSecrets.resolve(Optional.of("too-short"), dataDir));
        assertEquals("the configured JWT secret (PEERSTATS_JWT_SECRET) must be at least 32 bytes for HS256, got 9",
                e.getMessage());
    }

    @Test
    void developmentSecretIsCreatedOnceAndReusedOnTheSecondCall() throws Exception {
        var first = JwtSecrets.resolve(Optional.empty(), dataDir);
        var written = Files.readString(secretFile());
        var second = JwtSecrets.resolve(Optional.empty(), dataDir);

        assertTrue(first.isDevelopmentSecret());
        assertTrue(second.isDevelopmentSecret());
        assertEquals(32, Base64.getDecoder().decode(written).length);
        assertArrayEquals(written.getBytes(StandardCharsets.UTF_8), first.secret());
        assertArrayEquals(first.secret(), second.secret());
        assertEquals(written, Files.readString(secretFile()));
    }

    @Test
    void developmentSecretsOfTwoDataDirectoriesDiffer(@TempDir Path otherDataDir) throws Exception {
        var one = JwtSecrets.resolve(Optional.empty(), dataDir).secret();
        var other = JwtSecrets.resolve(Optional.empty(), otherDataDir).secret();

        assertFalse(Arrays.equals(one, other));
    }

    @Test
    void missingDataDirectoryIsCreated() throws Exception {
        var nested = dataDir.resolve("not/yet/there");

        JwtSecrets.resolve(Optional.empty(), nested);

        assertTrue(Files.isRegularFile(nested.resolve("jwt-secret")));
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws Exception {
        JwtSecrets.resolve(Optional.empty(), dataDir);

        try (var files = Files.list(dataDir)) {
            assertEquals(List.of(secretFile()), files.toList());
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "owner-only permissions are POSIX permissions")
    void developmentSecretIsReadableByItsOwnerOnly() throws Exception {
        JwtSecrets.resolve(Optional.empty(), dataDir);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile())));
    }

    @Test
    void truncatedDevelopmentSecretFileIsAClearError() throws Exception {
        Files.writeString(secretFile(), "short\n");

        var e = assertThrows(IllegalStateException.class, () -> JwtSecrets.resolve(Optional.empty(), dataDir));
        assertEquals(secretFile() + " holds fewer than 32 bytes; delete it to generate a new development secret",
                e.getMessage());
    }

    @Test
    void secretIsNotPrinted() throws Exception {
        var secrets = JwtSecrets.resolve(Optional.of("a-configured-secret-of-at-least-32-bytes"), dataDir);

        assertEquals("JwtSecrets[secret=****, developmentSecret=false]", secrets.toString());
    }
}

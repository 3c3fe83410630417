package org.peerstats.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The HS256 secret the service signs and checks tokens with.
 *
 * <p>A configured secret ({@code PEERSTATS_JWT_SECRET}) wins. Without one, a development secret is
 * kept in {@code <dataDir>/jwt-secret}: created on first use from 32 random bytes (Base64, owner
 * read/write only where the file system has POSIX permissions) and reused afterwards, so tokens
 * survive a restart. {@link #isDevelopmentSecret()} tells the caller to warn about it.
 *
 * <p>Either way the secret is the UTF-8 bytes of the text, so the file's content can be copied
 * into {@code PEERSTATS_JWT_SECRET} of another instance and yields the same key.
 */
public final class JwtSecrets {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    /** Name of the development secret file inside the data directory. */
    public static final String DEV_SECRET_FILE = "jwt-secret";

    private final byte[] secret;
    private final boolean developmentSecret;

    private JwtSecrets(byte[] secret, boolean developmentSecret) {
        this.secret = secret;
        this.developmentSecret = developmentSecret;
    }

    /**
     * The configured secret when present, else the development secret under {@code dataDir}.
     *
     * @throws IllegalArgumentException when the configured secret is shorter than
     *                                  {@link #MIN_SECRET_BYTES} bytes
     * @throws IllegalStateException    when the development secret file is too short
     * @throws IOException              when the development secret cannot be read or written
     */
    public static JwtSecrets resolve(Optional<String> configured, Path dataDir) throws IOException {
        if (configured.isPresent()) {
            byte[] bytes = configured.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the configured JWT secret (PEERSTATS_JWT_SECRET) must be at least "
                        + MIN_SECRET_BYTES + " bytes for HS256, got " + bytes.length);
            }
            return new JwtSecrets(bytes, false);
        }
        return new JwtSecrets(readOrCreateDevelopmentSecret(dataDir.resolve(DEV_SECRET_FILE)), true);
    }

    /** A copy of the secret's bytes. */
    public byte[] secret() {
        return secret.clone();
    }

    /** True when the secret is the generated development secret, not a configured one. */
    public boolean isDevelopmentSecret() {
        return developmentSecret;
    }

    @Override
    public String toString() {
        return "JwtSecrets[secret=****, developmentSecret=" + developmentSecret + "]";
    }

    /** A copy of {@code secret}, or an IllegalArgumentException when it is too short for HS256. */
    static byte[] requireHs256Length(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "an HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes, got " + secret.length);
        }
        return secret.clone();
    }

    private static byte[] readOrCreateDevelopmentSecret(Path file) throws IOException {
        if (Files.notExists(file)) {
            createDevelopmentSecret(file);
        }
        byte[] bytes = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(file + " holds fewer than " + MIN_SECRET_BYTES
                    + " bytes; delete it to generate a new development secret");
        }
        return bytes;
    }

    /** Writes a temporary file first, so no reader ever sees a half-written secret. */
    private static void createDevelopmentSecret(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = ownerOnlyTemporaryFile(dir);
        try {
            byte[] random = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(random), StandardCharsets.UTF_8);
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            // Keep theirs: tokens it has signed stay valid.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Owner read/write only where the file system has POSIX permissions, else its defaults. */
    private static Path ownerOnlyTemporaryFile(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return Files.createTempFile(dir, DEV_SECRET_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, DEV_SECRET_FILE, ".tmp");
    }
}

package org.peerstats.gateway.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * This instance's stable name in the consumer group ({@code group.instance.id}, static
 * membership): the one configured, or else one generated on the first start and kept in the data
 * directory, so that a restarted instance takes its own tasks back without a rebalance. Two
 * instances never share a data directory (Kafka Streams locks its state directory), so two
 * instances left on their defaults never share an id either.
 */
public final class InstanceId {

    /** The file in the data directory that keeps the generated id. */
    public static final String FILE = "instance-id";

    /** What Kafka takes in a {@code group.instance.id} (topic-name characters), at most 100 of them. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private InstanceId() {
    }

    /**
     * @param configured {@code PEERSTATS_INSTANCE_ID}, if set
     * @param dataDir    where a generated id is kept
     */
    public static String resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return check(configured.get(), "PEERSTATS_INSTANCE_ID");
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return check(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
            }
            String generated = "peerstats-" + UUID.randomUUID();
            Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
            Files.writeString(temporary, generated + "\n", StandardCharsets.UTF_8);
            // whole or not at all: a start killed half-way must not leave a torn id behind
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the instance id in " + file.toAbsolutePath(), e);
        }
    }

    private static String check(String id, String source) {
        if (!VALID.matcher(id).matches()) {
            throw new IllegalArgumentException(source + " must be 1 to 100 letters, digits, '.', '_' or '-', not '"
                    + id + "'");
        }
        return id;
    }
}

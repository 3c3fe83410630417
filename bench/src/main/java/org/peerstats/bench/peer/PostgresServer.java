package org.peerstats.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the benchmark's own: Debian's binaries, a fresh data directory, a free
 * loopback port, durable commits. These machines run as root and {@code initdb} refuses root, so
 * when this JVM is root {@code initdb}, {@code pg_ctl} and the server run as the unprivileged
 * {@code postgres} user through {@code runuser} (created as a system user when missing). When the
 * binaries are missing, {@link #ensureInstalled} installs Debian's {@code postgresql} package.
 * {@link #close()} stops the server (fast shutdown); a shutdown hook does the same if the JVM exits
 * first, so no server is left behind by a failed run.
 */
public final class PostgresServer implements AutoCloseable {

    /** Where Debian puts each major version's server binaries. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    static final String OS_USER = "postgres";
    static final String DATABASE = "postgres";
    static final String DB_USER = "peerstats";

    /**
     * The server settings the peer runs with: commits are durable (that is the point of the
     * comparison), the rest sized for a 2-core machine and a data set of tens of MB.
     */
    public static final Map<String, String> SETTINGS = settings(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "shared_buffers", "256MB",
            "max_connections", "64",
            "listen_addresses", "127.0.0.1");

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(settings);
    }

    /** The binaries found or installed, and how. */
    public record Installation(Path binDir, String version, String how) {
    }

    /** PostgreSQL cannot be installed or started here: the peer is left out, and the run says why. */
    public static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Installation installation;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final boolean asOtherUser;
    private final Thread shutdownHook;
    private boolean stopped;

    private PostgresServer(Installation installation, Path dataDir, int port, String password, boolean asOtherUser) {
        this.installation = installation;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.asOtherUser = asOtherUser;
        this.shutdownHook = new Thread(this::stopQuietly, "peer-postgres-stop");
    }

    /**
     * The newest major version's binaries under {@code /usr/lib/postgresql}; when there are none,
     * installs Debian's {@code postgresql} package with apt-get (as root only).
     */
    public static Installation ensureInstalled(Consumer<String> progress) throws UnavailableException {
        Optional<Path> found = findBinDir();
        String how = "found";
        if (found.isEmpty()) {
            if (!isRoot()) {
                throw new UnavailableException("no PostgreSQL server binaries under " + DEBIAN_ROOT
                        + " and not root, so cannot apt-get install postgresql", null);
            }
            progress.accept("peer: no PostgreSQL under " + DEBIAN_ROOT + "; installing Debian's postgresql package");
            try {
                if (run(List.of("apt-get", "install", "-y", "-q", "postgresql")) != 0) {
                    run(List.of("apt-get", "update", "-q"));
                    run(List.of("apt-get", "install", "-y", "-q", "postgresql"));
                }
            } catch (IOException e) {
                throw new UnavailableException("apt-get install postgresql failed: " + e.getMessage(), e);
            }
            found = findBinDir();
            if (found.isEmpty()) {
                throw new UnavailableException("apt-get install postgresql did not leave server binaries under "
                        + DEBIAN_ROOT, null);
            }
            how = "installed now with apt-get install postgresql";
        }
        Path bin = found.get();
        String version;
        try {
            version = output(List.of(bin.resolve("postgres").toString(), "--version")).strip();
        } catch (IOException e) {
            throw new UnavailableException("cannot run " + bin.resolve("postgres") + ": " + e.getMessage(), e);
        }
        return new Installation(bin, version, how);
    }

    static Optional<Path> findBinDir() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.filter(dir -> dir.getFileName().toString().matches("[0-9]+(\\.[0-9]+)?"))
                    .filter(dir -> Files.isExecutable(dir.resolve("bin/postgres"))
                            && Files.isExecutable(dir.resolve("bin/initdb")))
                    .max(Comparator.comparingDouble(dir -> Double.parseDouble(dir.getFileName().toString())))
                    .map(dir -> dir.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Initialises a cluster in {@code dir/pgdata} and starts it on a free loopback port. {@code dir}
     * is made traversable (not readable) by others, so that the {@code postgres} user reaches it.
     */
    public static PostgresServer start(Installation installation, Path dir, Consumer<String> progress)
            throws UnavailableException {
        boolean asOtherUser = isRoot();
        try {
            Files.createDirectories(dir);
            Path dataDir = dir.resolve("pgdata");
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path passwordFile = dir.resolve("pwfile");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            if (asOtherUser) {
                ensureOsUser();
                traversable(dir);
                run(List.of("chown", "-R", OS_USER, dir.toString()));
            }
            int port = freePort();
            List<String> initdb = new ArrayList<>(List.of(installation.binDir().resolve("initdb").toString(),
                    "-D", dataDir.toString(), "-U", DB_USER, "--pwfile", passwordFile.toString(),
                    "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions"));
            if (run(asUser(initdb, asOtherUser), dir.resolve("initdb.log")) != 0) {
                throw new UnavailableException("initdb failed: " + tail(dir.resolve("initdb.log")), null);
            }
            Files.deleteIfExists(passwordFile);
            StringBuilder options = new StringBuilder("-c port=" + port + " -c unix_socket_directories=''");
            SETTINGS.forEach((key, value) -> options.append(" -c ").append(key).append('=').append(value));
            PostgresServer server = new PostgresServer(installation, dataDir, port, password, asOtherUser);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            List<String> start = List.of(installation.binDir().resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                    "-l", dir.resolve("postgres.log").toString(), "-o", options.toString(), "-w", "-t", "60", "start");
            if (run(asUser(start, asOtherUser), dir.resolve("pg_ctl.log")) != 0) {
                server.close();
                throw new UnavailableException("pg_ctl start failed: " + tail(dir.resolve("postgres.log")), null);
            }
            progress.accept("peer: " + server.description());
            return server;
        } catch (IOException e) {
            throw new UnavailableException("cannot start PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", DB_USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    public String user() {
        return DB_USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Installation installation() {
        return installation;
    }

    /** What the server reports of itself: its version and the settings that matter for the figures. */
    public Map<String, String> reportedSettings() throws SQLException {
        Map<String, String> reported = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT version()")) {
                rs.next();
                reported.put("version", rs.getString(1));
            }
            for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "shared_buffers", "max_connections", "work_mem", "data_directory")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
                    rs.next();
                    reported.put(name, rs.getString(1));
                }
            }
        }
        return reported;
    }

    public String description() {
        return installation.version() + " (" + installation.binDir() + ", " + installation.how() + "), data "
                + dataDir + ", 127.0.0.1:" + port + (asOtherUser ? ", run as user " + OS_USER + " via runuser" : "")
                + ", " + SETTINGS;
    }

    @Override
    public synchronized void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stopQuietly itself
        }
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(asUser(List.of(installation.binDir().resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m",
                    "fast", "-w", "-t", "60", "stop"), asOtherUser));
        } catch (IOException e) {
            System.err.println("peer: could not stop PostgreSQL in " + dataDir + ": " + e.getMessage());
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asUser(List<String> command, boolean asOtherUser) {
        if (!asOtherUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ensureOsUser() throws IOException, UnavailableException {
        if (run(List.of("id", "-u", OS_USER)) == 0) {
            return;
        }
        if (run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER)) != 0) {
            throw new UnavailableException("no user " + OS_USER + " and useradd failed", null);
        }
    }

    /**
     * Adds others' execute bit (traverse, not list) to {@code dir} and to each ancestor that lacks
     * it, e.g. the run's work directory, which {@code Files.createTempDirectory} makes 700.
     */
    private static void traversable(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null && p.getParent() != null; p = p.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, permissions);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int run(List<String> command) throws IOException {
        return run(command, null);
    }

    private static int run(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        if (log != null) {
            builder.redirectOutput(log.toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = builder.start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static String output(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(60, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }
}

package org.peerstats.bench.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-data-sharing archive the chaos suite's instances start with, as {@code ./peerstats run}
 * starts the service (the launcher maps an archive of an earlier run): a restarted instance then
 * maps the classes it loaded last time instead of reading and verifying them again, which makes
 * it ready 2-4 s sooner (docs/reliability.md). The archive is written once per build: a training
 * start of the service with an embedded broker of its own, stopped in order once ready, with
 * {@code -XX:ArchiveClassesAtExit}. Only classes from jars can be archived, so a class path with a
 * directory on it (a test's {@code target/classes}) gets none.
 */
final class ClassDataArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);

    private ClassDataArchive() {
    }

    /**
     * The JVM options that map {@code archive}, writing it first when it is missing or older than a
     * jar of this JVM's class path; none when it cannot be written.
     */
    static List<String> options(Path archive, Path workDirectory) throws IOException, InterruptedException {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        if (classPath.stream().anyMatch(Files::isDirectory)) {
            LOG.info("class-data sharing left out: the class path has a directory ({})", classPath);
            return List.of();
        }
        if (!current(archive, classPath)) {
            train(archive, workDirectory);
        }
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    private static boolean current(Path archive, List<Path> classPath) throws IOException {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        FileTime written = Files.getLastModifiedTime(archive);
        for (Path jar : classPath) {
            if (Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).compareTo(written) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void train(Path archive, Path workDirectory) throws IOException, InterruptedException {
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        Path dir = Files.createDirectories(workDirectory.resolve("cds-training"));
        ChildInstance training = new ChildInstance("cds-training", Map.of(
                "PEERSTATS_JWT_SECRET", ChaosRun.SECRET,
                "PEERSTATS_ADVERTISED_HOST", "127.0.0.1",
                "PEERSTATS_TOPIC_REPLICATION_FACTOR", "1",
                "PEERSTATS_EMBEDDED_KAFKA_PORT", String.valueOf(ChaosRun.freePort()),
                "PEERSTATS_HTTP_PORT", String.valueOf(ChaosRun.freePort()),
                "PEERSTATS_DATA_DIR", dir.resolve("data").toString()),
                List.of("-Xmx512m", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off"), dir.resolve("training.log"));
        long started = System.nanoTime();
        training.start();
        double ready = ChaosRun.awaitReady(training, Duration.ofSeconds(180));
        boolean stopped = training.stop(120);
        LOG.info("class-data sharing archive {}: {} in {} s (training instance ready after {} s{})", archive,
                Files.isRegularFile(archive) ? "written" : "NOT written", ChaosRun.f((System.nanoTime() - started) / 1e9),
                ChaosRun.f(ready), stopped ? "" : ", killed at the end");
    }
}

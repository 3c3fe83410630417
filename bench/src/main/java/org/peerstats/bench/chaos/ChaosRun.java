package org.peerstats.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.streams.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run: two instances, the preloaded state, the rounds of kills and restarts under live
 * traffic, and the end checks (see {@link ChaosOptions#USAGE}). Everything is real: child JVMs
 * killed with SIGKILL, the embedded Kafka broker, RocksDB, HTTP.
 */
public final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    static final String SECRET = "chaos-suite-secret-of-at-least-32-bytes-long";

    /** What a round does to which instance. */
    enum RoundKind {
        INSTANCE_KILL("SIGKILL instance B"),
        BROKER_HOLDER_KILL("SIGKILL instance A (holds the broker)"),
        BROKER_RESTART("orderly restart of instance A (the broker)");

        final String description;

        RoundKind(String description) {
            this.description = description;
        }
    }

    /**
     * One round: seconds from the kill (or the stop signal) until the process was gone, from the
     * new process's start until it was ready and until every mentor was fresh on both instances.
     */
    record Round(int index, RoundKind kind, double stopSeconds, double readySeconds, boolean fresh,
                 double freshSeconds, long acknowledgedBefore, List<String> stale, List<String> incidents) {
    }

    /** The outcome of a run; {@link #exact()} is what the CI test asserts. */
    record Result(ChaosOptions options, Instant startedAt, double preloadSeconds, double preloadFreshSeconds,
                  List<Round> rounds, long acknowledged, long failedSends, long resent,
                  Map<History.Kind, Long> generated, StateSize state, List<String> statsDifferences,
                  BadgeNotificationCheck.Outcome badges, double totalSeconds, String failure, String logDigest) {

        public boolean exact() {
            return failure == null && statsDifferences.isEmpty() && badges != null && badges.exact()
                    && rounds.stream().allMatch(Round::fresh);
        }

        Result withLogDigest(String digest) {
            return new Result(options, startedAt, preloadSeconds, preloadFreshSeconds, rounds, acknowledged,
                    failedSends, resent, generated, state, statsDifferences, badges, totalSeconds, failure, digest);
        }

        /** Everything that made the run inexact, for an assertion message. */
        public String problems() {
            List<String> problems = new ArrayList<>();
            if (failure != null) {
                problems.add("failure: " + failure);
            }
            rounds.stream().filter(r -> !r.fresh()).forEach(r -> problems.add("round " + r.index() + " ("
                    + r.kind().description + ") not fresh after " + r.freshSeconds() + " s: " + r.stale()));
            firstOf(statsDifferences, "stats: ", problems);
            if (badges != null) {
                firstOf(badges.differences(), "badge-notifications: ", problems);
            }
            // A CI excerpt shows only the end of a message: the timings and the logs' warnings go last.
            rounds.forEach(r -> problems.add(String.format("round %d (%s): stopped in %.1f s, ready %.1f s, %s %.1f s",
                    r.index(), r.kind().description, r.stopSeconds(), r.readySeconds(),
                    r.fresh() ? "fresh in" : "still stale after", r.freshSeconds())));
            if (!logDigest.isEmpty()) {
                problems.add(logDigest);
            }
            return String.join("\n", problems);
        }

        private static void firstOf(List<String> differences, String prefix, List<String> into) {
            differences.stream().limit(10).forEach(d -> into.add(prefix + d));
            if (differences.size() > 10) {
                into.add(prefix + "… and " + (differences.size() - 10) + " more");
            }
        }
    }

    /** How big the state was at the end, from the reference and the instances' state directories. */
    record StateSize(long ledgerEntries, long dayBuckets, long mentors, long stateDirBytesA, long stateDirBytesB) {
        long records() {
            return ledgerEntries + dayBuckets + mentors;
        }
    }

    private final ChaosOptions options;
    private final Random random;

    public ChaosRun(ChaosOptions options) {
        this.options = options;
        this.random = new Random(options.seed() * 31 + 7);
    }

    static List<RoundKind> plan(ChaosOptions options) {
        List<RoundKind> plan = new ArrayList<>();
        for (int i = 0; i < options.instanceKills(); i++) {
            plan.add(RoundKind.INSTANCE_KILL);
        }
        int n = options.instanceKills();
        for (int i = 0; i < options.brokerHolderKills(); i++) {
            plan.add(Math.min(plan.size(), (n + 1) * (i + 1) / (3 * options.brokerHolderKills())),
                    RoundKind.BROKER_HOLDER_KILL);
        }
        for (int i = 0; i < options.brokerRestarts(); i++) {
            int at = plan.size() - (n + 1) * (options.brokerRestarts() - i) / (3 * options.brokerRestarts());
            plan.add(Math.max(0, Math.min(plan.size(), at)), RoundKind.BROKER_RESTART);
        }
        return plan;
    }

    public Result run() throws Exception {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Path dir = options.runDirectory() != null ? Files.createDirectories(options.runDirectory())
                : Files.createTempDirectory("peerstats-chaos-");
        LOG.info("chaos run in {}: {} rounds ({} instance kills, {} broker-holder kills, {} broker restarts), "
                        + "{} mentors, {} preloaded activities, {} live events/s", dir, options.rounds(),
                options.instanceKills(), options.brokerHolderKills(), options.brokerRestarts(), options.mentors(),
                options.preloadActivities(), options.eventsPerSecond());
        int brokerPort = freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Map<String, String> common = new HashMap<>(Map.of(
                "PEERSTATS_JWT_SECRET", SECRET,
                "PEERSTATS_ADVERTISED_HOST", "127.0.0.1",
                "PEERSTATS_STANDBY_REPLICAS", String.valueOf(options.standbyReplicas()),
                "PEERSTATS_TOPIC_REPLICATION_FACTOR", "1"));
        common.putAll(options.instanceEnvironment());
        List<String> classDataSharing = options.classDataArchive() == null ? List.of()
                : ClassDataArchive.options(options.classDataArchive(), dir);
        ChildInstance a = new ChildInstance("a", ChildInstance.environment(common, Map.of(
                "PEERSTATS_EMBEDDED_KAFKA_PORT", String.valueOf(brokerPort),
                "PEERSTATS_HTTP_PORT", String.valueOf(freePort()),
                "PEERSTATS_DATA_DIR", dir.resolve("a").toString())),
                jvmOptions("-Xmx768m", classDataSharing), dir.resolve("a.log"));
        ChildInstance b = new ChildInstance("b", ChildInstance.environment(common, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "PEERSTATS_HTTP_PORT", String.valueOf(freePort()),
                "PEERSTATS_DATA_DIR", dir.resolve("b").toString())),
                jvmOptions("-Xmx512m", classDataSharing), dir.resolve("b.log"));
        History history = new History(options.mentors(), options.seed());
        TokenIssuer tokens = new TokenIssuer(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        String token = tokens.issue(new Principal("chaos-suite", Role.SYSTEM, null, null), TokenRules.DEFAULT_MAX_LIFETIME);
        // the list routes are not the system's: an admin of no organisation sees every organisation's
        String admin = tokens.issue(new Principal("chaos-suite-admin", Role.ADMIN, null, null),
                TokenRules.DEFAULT_MAX_LIFETIME);
        FreshnessProbe probe = new FreshnessProbe(token, history.mentors());
        List<Integer> ports = List.of(a.httpPort(), b.httpPort());
        Duration patience = Duration.ofMillis((long) (options.freshPatienceSeconds() * 1000));
        List<Round> rounds = new ArrayList<>();
        double preloadSeconds = 0;
        double preloadFreshSeconds = 0;
        List<String> statsDifferences = new ArrayList<>();
        BadgeNotificationCheck.Outcome badges = null;
        String failure = null;
        ChaosProducer producer = new ChaosProducer(bootstrap, Topics.defaults().activities(), history,
                options.eventsPerSecond());
        Thread killChildren = new Thread(() -> { // the driver itself stopped: take the instances with it
            try {
                b.kill();
                a.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chaos-kill-children");
        Runtime.getRuntime().addShutdownHook(killChildren);
        try {
            a.start();
            awaitReady(a, Duration.ofSeconds(180));
            b.start();
            awaitReady(b, Duration.ofSeconds(180));
            LOG.info("instances ready: a on :{} (broker {}), b on :{}", a.httpPort(), bootstrap, b.httpPort());

            long preloadStarted = System.nanoTime();
            producer.preload(options.preloadActivities());
            preloadSeconds = (System.nanoTime() - preloadStarted) / 1e9;
            history.mentors().forEach(MentorReference::startHistory);
            FreshnessProbe.Outcome loaded = probe.awaitFresh(ports, marks(history), preloadStarted,
                    Duration.ofHours(2));
            preloadFreshSeconds = loaded.seconds();
            if (!loaded.fresh()) {
                throw new IllegalStateException("the preloaded state never became visible: " + loaded.stale());
            }
            LOG.info("preloaded state visible on both instances {} s after the preload started",
                    String.format("%.1f", loaded.seconds()));

            producer.start();
            List<RoundKind> plan = plan(options);
            for (int i = 0; i < plan.size(); i++) {
                Round round = round(i + 1, plan.size(), plan.get(i), plan.get(i) == RoundKind.INSTANCE_KILL ? b : a,
                        producer, probe, ports, history, patience);
                rounds.add(round);
                if (!round.fresh()) {
                    failure = "round " + round.index() + " did not become fresh; the rounds stopped there";
                    break;
                }
            }

            producer.stopAndDrain(Duration.ofMinutes(3));
            if (producer.unacknowledgedCount() > 0) {
                failure = producer.unacknowledgedCount() + " event(s) never acknowledged";
            }
            history.mentors().forEach(MentorReference::startHistory); // the end state: no later event
            FreshnessProbe.Outcome end = probe.awaitFresh(ports, marks(history), System.nanoTime(), patience);
            statsDifferences.addAll(end.stale());
            if (end.fresh()) {
                statsDifferences.addAll(probe.streakDifferences(ports));
                statsDifferences.addAll(BadgeListCheck.differences(ports, admin, history.mentors(),
                        Duration.ofSeconds(60)));
                statsDifferences.addAll(OrganisationTotalsCheck.differences(ports, token, history.mentors(),
                        Duration.ofSeconds(60)));
            }
            badges = BadgeNotificationCheck.check(bootstrap, Topics.defaults().badgeNotifications().name(),
                    history.mentors(), Duration.ofSeconds(60));
        } catch (Exception e) {
            LOG.error("the chaos run failed", e);
            failure = e.toString();
        } finally {
            producer.close();
        }
        StateSize state = stateSize(history, dir);
        b.stop(60);
        a.stop(60);
        Runtime.getRuntime().removeShutdownHook(killChildren);
        Map<History.Kind, Long> generated = new HashMap<>();
        for (History.Kind kind : History.Kind.values()) {
            generated.put(kind, history.generated(kind));
        }
        Result result = new Result(options, startedAt, preloadSeconds, preloadFreshSeconds, rounds,
                producer.acknowledged() + options.preloadActivities(), producer.failedSends(), producer.resent(),
                generated, state, statsDifferences, badges, (System.nanoTime() - started) / 1e9, failure, "");
        if (!result.exact()) {
            LOG.error("the chaos run was not exact; logs kept in {}:\n{}\nlast lines of a.log:\n{}\nlast lines of b.log:\n{}",
                    dir, result.problems(), a.tail(30), b.tail(30));
            result = result.withLogDigest("last warnings of a.log:\n" + a.warnings(12)
                    + "\nlast warnings of b.log:\n" + b.warnings(12));
        } else if (options.runDirectory() == null && !options.keepRunDirectory()) {
            deleteRecursively(dir);
        } else {
            LOG.info("run directory kept: {}", dir);
        }
        return result;
    }

    private Round round(int index, int of, RoundKind kind, ChildInstance target, ChaosProducer producer,
                        FreshnessProbe probe, List<Integer> ports, History history, Duration patience)
            throws Exception {
        Thread.sleep((long) (options.pauseSeconds() * 1000) + random.nextInt(1000));
        long acknowledgedBefore = producer.acknowledged();
        long stopping = System.nanoTime();
        if (kind == RoundKind.BROKER_RESTART) {
            if (!target.stop(120)) {
                LOG.warn("round {}: instance {} did not stop within 120 s of SIGTERM and was killed", index,
                        target.name());
            }
        } else {
            target.kill();
        }
        double stopSeconds = (System.nanoTime() - stopping) / 1e9;
        target.start();
        long restarted = System.nanoTime();
        Map<MentorReference, Integer> marks = marks(history);
        List<String> incidents = new ArrayList<>();
        double ready;
        try {
            ready = awaitReady(target, patience);
        } catch (InstanceExited exited) {
            if (!exited.log.contains("Global thread has died") || !exited.log.contains("didn't find a valid state")) {
                throw exited;
            }
            // KAFKA-21034: after an unclean stop under exactly-once, a global store can be found
            // "open"; the global thread does not wipe it as stream tasks are wiped, dies, and the
            // client stops. Every start meets the same directory. The operator's way out: delete
            // the global state directory (the global stores are rebuilt from their topics).
            String incident = "instance " + target.name() + " exited at start: the global thread died on a global "
                    + "store left open by the kill (KAFKA-21034); its global state directory was deleted and it was "
                    + "started again";
            LOG.warn("round {}: {}", index, incident);
            incidents.add(incident);
            deleteRecursively(target.globalStateDirectory());
            target.start();
            awaitReady(target, patience);
            ready = (System.nanoTime() - restarted) / 1e9; // from the first start, as the freshness
        }
        FreshnessProbe.Outcome outcome = probe.awaitFresh(ports, marks, restarted, patience);
        LOG.info("round {}/{} {}: stopped in {} s; from the restart ready in {} s, every mentor fresh on both "
                        + "instances in {} s ({} requests){}; {} events acknowledged so far, {} sends failed",
                index, of, kind.description, f(stopSeconds), f(ready), f(outcome.seconds()), outcome.requests(),
                (incidents.isEmpty() ? "" : " [" + String.join("; ", incidents) + "]")
                        + (outcome.fresh() ? "" : " — NOT FRESH: "
                        + outcome.stale().subList(0, Math.min(5, outcome.stale().size()))),
                producer.acknowledged() + options.preloadActivities(),
                producer.failedSends());
        return new Round(index, kind, stopSeconds, ready, outcome.fresh(), outcome.seconds(), acknowledgedBefore,
                outcome.stale(), incidents);
    }

    private static Map<MentorReference, Integer> marks(History history) {
        Map<MentorReference, Integer> marks = new HashMap<>();
        history.mentors().forEach(m -> marks.put(m, m.mark()));
        return marks;
    }

    /** Seconds until {@code /health/ready} answers 200 (or -1 after {@code patience}). */
    static double awaitReady(ChildInstance instance, Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!instance.alive()) {
                throw new InstanceExited(instance);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + instance.httpPort() + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** An instance's process ended while it was awaited; {@code log} holds its last lines. */
    private static final class InstanceExited extends IllegalStateException {
        final String log;

        InstanceExited(ChildInstance instance) {
            super("instance " + instance.name() + " exited:\n" + instance.tail(40));
            this.log = instance.tail(200);
        }
    }

    private static StateSize stateSize(History history, Path dir) {
        long ledger = 0;
        long days = 0;
        for (MentorReference mentor : history.mentors()) {
            ledger += mentor.ledgerEntries();
            days += mentor.dayBuckets();
        }
        return new StateSize(ledger, days, history.mentors().size(), bytes(dir.resolve("a/streams")),
                bytes(dir.resolve("b/streams")));
    }

    private static long bytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** The given heap bound, the class-data archive's option, then the options of {@code --jvm-option}. */
    private List<String> jvmOptions(String heap, List<String> classDataSharing) {
        List<String> all = new ArrayList<>();
        all.add(heap);
        all.addAll(classDataSharing);
        all.addAll(options.jvmOptions());
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String f(double seconds) {
        return String.format("%.1f", seconds);
    }
}

package org.peerstats.bench.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run does. {@code instanceKills} rounds SIGKILL the instance that does not hold the
 * broker; {@code brokerHolderKills} rounds SIGKILL the one that does (broker and instance die
 * together, the broker recovers its logs at restart); {@code brokerRestarts} rounds stop that one
 * in order (SIGTERM: the service leaves the group, the broker shuts down cleanly) and start it again.
 *
 * @param preloadActivities activities sent before the rounds (the state size)
 * @param eventsPerSecond   the live producer's rate while the rounds run
 * @param instanceEnvironment further {@code PEERSTATS_*} settings for both instances
 * @param jvmOptions        further options for both instances' JVMs (a logging configuration, JFR)
 * @param classDataArchive  the class-data-sharing archive both instances start with (written by a
 *                          training start when missing or older than the jars), or null for none
 */
record ChaosOptions(int instanceKills, int brokerHolderKills, int brokerRestarts, int mentors,
                    long preloadActivities, int eventsPerSecond, long seed, double pauseSeconds,
                    double freshPatienceSeconds, int standbyReplicas, Map<String, String> instanceEnvironment,
                    List<String> jvmOptions, Path classDataArchive, Path runDirectory, boolean keepRunDirectory, Path resultFile, Path docsFile) {

    static final String USAGE = """
            usage: peerstats chaos [--rounds N] [--broker-holder-kills N] [--broker-restarts N]
                                   [--mentors N] [--preload N] [--rate N] [--seed N] [--pause S]
                                   [--patience S] [--standby-replicas N] [--env KEY=VALUE]...
                                   [--jvm-option OPTION]... [--no-cds] [--dir DIR] [--keep] [--out FILE]
                                   [--docs]

            Runs two peerstats instances as child processes on this machine: A holds the embedded
            broker, B joins it. A producer sends a known history (new activities, corrections,
            deletes, redeliveries) with acks=all and keeps a reference from what was acknowledged;
            meanwhile B is SIGKILLed and restarted N times, A is SIGKILLed (broker and all) and
            restarted, and A is stopped in order and restarted. After each restart it waits until
            every mentor's numbers are fresh on both instances over REST and reports the time. At
            the end every mentor's numbers, earned-badge list totals and organisation totals must equal the reference and
            a read_committed consumer of badge-notifications must see every expected transition
            exactly once. Exit code 0: exact;
            1: a difference (listed) or a failure; 2: a wrong command line.

            options:
              --rounds N               SIGKILL-and-restart rounds of instance B (default 20)
              --broker-holder-kills N  rounds that SIGKILL instance A, which holds the broker (default 1)
              --broker-restarts N      rounds that stop A in order and start it again (default 1)
              --mentors N              mentors (default 200; one in ten hovers around badge thresholds)
              --preload N              activities sent before the rounds: the state size (default 100000)
              --rate N                 live events per second while the rounds run (default 200)
              --seed N                 the history's random seed (default 1)
              --pause S                seconds of live traffic between rounds (default 3)
              --patience S             how long a restart may take to be fresh before the run fails (default 240)
              --standby-replicas N     PEERSTATS_STANDBY_REPLICAS of both instances (default 1)
              --env KEY=VALUE          one more setting for both instances (repeatable), e.g.
                                       PEERSTATS_KAFKA_CONSUMER_SESSION_TIMEOUT_MS=6000
              --jvm-option OPTION      one more JVM option for both instances (repeatable), e.g.
                                       -Dlogback.configurationFile=FILE or -XX:StartFlightRecording
              --no-cds                 start the instances without the class-data-sharing archive that
                                       ./peerstats run uses too (written once per build, by a training
                                       start, to bench/target/chaos-instance.jsa)
              --dir DIR                run directory: data and logs of both instances (default: a new
                                       temporary directory, deleted after an exact run unless --keep)
              --keep                   keep the run directory
              --out FILE               where to write the report (default bench/results/chaos-latest.md
                                       under PEERSTATS_BENCH_ROOT or the current directory)
              --docs                   also put the report into docs/reliability.md (between its markers)
              --help                   this text
            """;

    static ChaosOptions defaults(Path root) {
        return new ChaosOptions(20, 1, 1, 200, 100_000, 200, 1, 3, 240, 1, Map.of(), List.of(),
                root.resolve("bench/target/chaos-instance.jsa"), null, false, root.resolve("bench/results/chaos-latest.md"),
                null);
    }

    int rounds() {
        return instanceKills + brokerHolderKills + brokerRestarts;
    }

    /** Parses the command line; null means --help. */
    static ChaosOptions parse(String[] args, Path root) {
        ChaosOptions o = defaults(root);
        int instanceKills = o.instanceKills;
        int holderKills = o.brokerHolderKills;
        int brokerRestarts = o.brokerRestarts;
        int mentors = o.mentors;
        long preload = o.preloadActivities;
        int rate = o.eventsPerSecond;
        long seed = o.seed;
        double pause = o.pauseSeconds;
        double patience = o.freshPatienceSeconds;
        int standby = o.standbyReplicas;
        Map<String, String> env = new LinkedHashMap<>();
        List<String> jvm = new ArrayList<>();
        Path classDataArchive = o.classDataArchive;
        Path dir = null;
        boolean keep = false;
        Path out = o.resultFile;
        Path docs = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--keep" -> keep = true;
                case "--no-cds" -> classDataArchive = null;
                case "--docs" -> docs = root.resolve("docs/reliability.md");
                case "--rounds" -> instanceKills = intValue(arg, value(args, ++i, arg), 0);
                case "--broker-holder-kills" -> holderKills = intValue(arg, value(args, ++i, arg), 0);
                case "--broker-restarts" -> brokerRestarts = intValue(arg, value(args, ++i, arg), 0);
                case "--mentors" -> mentors = intValue(arg, value(args, ++i, arg), 1);
                case "--preload" -> preload = intValue(arg, value(args, ++i, arg), 0);
                case "--rate" -> rate = intValue(arg, value(args, ++i, arg), 1);
                case "--seed" -> seed = intValue(arg, value(args, ++i, arg), 0);
                case "--pause" -> pause = doubleValue(arg, value(args, ++i, arg));
                case "--patience" -> patience = doubleValue(arg, value(args, ++i, arg));
                case "--standby-replicas" -> standby = intValue(arg, value(args, ++i, arg), 0);
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--env" -> {
                    String setting = value(args, ++i, arg);
                    int eq = setting.indexOf('=');
                    if (eq <= 0 || !(setting.startsWith("PEERSTATS_") || setting.startsWith("KAFKA_"))) {
                        throw new UsageException("--env takes PEERSTATS_NAME=VALUE, got '" + setting + "'");
                    }
                    env.put(setting.substring(0, eq), setting.substring(eq + 1));
                }
                case "--jvm-option" -> {
                    String option = value(args, ++i, arg);
                    if (!option.startsWith("-")) {
                        throw new UsageException("--jvm-option takes a JVM option such as -Dname=value, got '" + option + "'");
                    }
                    jvm.add(option);
                }
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return new ChaosOptions(instanceKills, holderKills, brokerRestarts, mentors, preload, rate, seed, pause,
                patience, standby, Map.copyOf(env), List.copyOf(jvm), classDataArchive, dir, keep, out,
                docs);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String option, String value, int min) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw new UsageException(option + " must be at least " + min + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, got '" + value + "'");
        }
    }

    private static double doubleValue(String option, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= 0)) {
                throw new UsageException(option + " must not be negative, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a number, got '" + value + "'");
        }
    }

    /** A wrong command line (exit code 2). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

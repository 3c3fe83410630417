package org.peerstats.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstats.bench.lists.ListsBench;
import org.peerstats.bench.report.ResultFiles;
import org.peerstats.bench.report.Targets;
import org.peerstats.streams.topology.FormatLocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./peerstats bench [--quick]}: runs the benchmark harness and prints a summary whose last
 * lines are {@code name: value}. Exit code 2 means the command line was wrong, 1 that the run
 * failed.
 */
public final class BenchMain {

    static final String USAGE = """
            usage: peerstats bench [--quick | --restore-only [--broker-dir DIR] | --lists-only | --peer-only]
                                   [--out DIR] [--docs] [--mentors N]
                                   [--jfr DIR]
                                   [--rocksdb-config-setter CLASS] [--streams-config KEY=VALUE]...

            Measures peerstats on this machine, on a fresh embedded Kafka broker in this JVM:
            topology throughput under exactly_once_v2 against a pass-through app and against
            at_least_once, freshness (event produced -> visible through the REST API), GET latency
            and throughput with 32 keep-alive clients against GET /health/live, RocksDB bytes per
            mentor, and restore speed against a plain consumer; then a PostgreSQL peer beside it
            (Debian's postgresql, started as the postgres user; installed with apt-get when
            missing): the same workload upserted into an activities table, the same stats by SQL
            per request under the same GET load, its answers compared with peerstats'. The
            default run takes four to six minutes; see docs/benchmarks.md for what the figures
            mean.

            options:
              --quick      a smaller run, about a minute (the peer too, at that size)
              --restore-only
                           only the restore, at a size where its fixed costs do not dominate: the
                           history of 30,000 mentors (--mentors N for another size; about 49 changelog
                           records each) runs once through the topology, then a fresh instance
                           restores its changelogs three times, each against a plain consumer; writes
                           restore.json (a few minutes, most of it filling the changelogs)
              --lists-only only the list phase: 10,000 and then 100,000 mentors with profiles and
                           badges, each list query timed with 8 clients (--quick: 500 and 5,000)
              --peer-only  only the PostgreSQL peer beside the service: 2,000 mentors (--mentors N)
                           preloaded and replayed by the service (not timed), the GET load on both,
                           the peer's ingest and answers compared; writes peer.json. No topology
                           throughput, so peer_ingest_ratio is NaN: for working on the peer
              --broker-dir DIR
                           with --restore-only: keep the broker in DIR; a later --restore-only run with
                           the same DIR and --mentors restores the same changelogs without filling them
              --out DIR    where to write latest.json, latest.md and latency.png
                           (default: bench/results under PEERSTATS_BENCH_ROOT or the current directory)
              --docs       also update the figures in docs/benchmarks.md and docs/benchmarks-latency.png
              --mentors N  a fixed population (about ten activities each a year); by default the
                           warm-up sizes it for runs of about 10 s (--quick: 200 mentors,
                           --restore-only: 30,000)
              --jfr DIR    record a Java Flight Recorder profile of each phase into DIR and summarise it
              --rocksdb-config-setter CLASS
                           a what-if: run the topology and the service with this RocksDBConfigSetter,
                           a RocksDBConfigSetter class on the classpath
              --streams-config KEY=VALUE
                           a what-if: one more Kafka Streams setting for the topology and the
                           service (repeatable), e.g. max.task.idle.ms=-1
              --help       this text
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        FormatLocale.useUnitedStates(); // as the service does: see FormatLocale
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "peerstats-bench-logback.xml");
        }
        int code;
        try {
            code = run(args, System.out, System.getenv());
        } catch (UsageException e) {
            System.err.println("peerstats bench: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            code = 2;
        } catch (Exception e) {
            log().error("the benchmark failed: {}", e.getMessage(), e);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command; the summary goes to {@code out}, its last lines {@code name: value}. */
    static int run(String[] args, PrintStream out, Map<String, String> env) throws Exception {
        Options options = Options.parse(args);
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        Path root = Path.of(env.getOrDefault("PEERSTATS_BENCH_ROOT", ".")).toAbsolutePath().normalize();
        Path outDir = options.out != null ? Path.of(options.out).toAbsolutePath() : root.resolve("bench/results");
        Path workDir = Files.createTempDirectory("peerstats-bench-");
        Profiler profiler = new Profiler(options.jfr == null ? null : Path.of(options.jfr).toAbsolutePath());
        Benchmark benchmark = new Benchmark(options.mode, workDir, profiler, options.streamsOverrides(),
                message -> log().info("bench: {}", message));
        if (options.listsOnly) {
            ListsBench.Result lists;
            try {
                lists = new ListsBench(workDir, message -> log().info("bench: {}", message), options.streamsOverrides())
                        .run(ListsBench.Plan.of(options.mode == BenchMode.QUICK));
            } finally {
                deleteQuietly(workDir);
            }
            Map<String, Double> summary = Summary.ofLists(lists);
            for (String name : List.of("list_p50_ms", "list_p99_ms", "list_growth_p50", "list_growth_p99")) {
                double value = summary.get(name);
                Targets.of(name).ifPresent(target -> out.println("target: " + name + " " + target.text() + ", "
                        + (target.met(value) ? "met" : "missed") + " at " + Summary.format(value)));
            }
            out.println("== peerstats bench lists (" + options.mode.name() + ") ==");
            Summary.lines(summary).forEach(out::println);
            out.flush();
            return 0;
        }
        if (options.peerOnly) {
            Benchmark.PeerOutcome peer;
            try {
                peer = benchmark.peerOnly();
            } finally {
                deleteQuietly(workDir);
            }
            Path json = ResultFiles.writePeer(outDir, peer);
            out.println();
            out.println("results: " + json);
            for (String name : List.of("peer_get_throughput_ratio", "peer_get_p99_ratio")) {
                double value = peer.summary().get(name);
                Targets.of(name).ifPresent(target -> out.println("target: " + name + " " + target.text() + ", "
                        + (target.met(value) ? "met" : "missed") + " at " + Summary.format(value)));
            }
            out.println("== peerstats bench peer (" + options.mode.name() + ") ==");
            Summary.lines(peer.summary()).forEach(out::println);
            out.flush();
            return 0;
        }
        if (options.restoreOnly) {
            Benchmark.RestoreOutcome restore;
            try {
                restore = benchmark.restoreOnly(options.brokerDir == null ? null
                        : Path.of(options.brokerDir).toAbsolutePath());
            } finally {
                deleteQuietly(workDir);
            }
            Path json = ResultFiles.writeRestore(outDir, restore);
            out.println();
            out.println("results: " + json);
            restore.profiles().forEach((phase, summary) -> out.println("profile " + phase + ": " + summary));
            double ratio = restore.summary().get("restore_ratio_vs_consumer");
            Targets.of("restore_ratio_vs_consumer").ifPresent(target -> out.println("target: restore_ratio_vs_consumer "
                    + target.text() + ", " + (target.met(ratio) ? "met" : "missed") + " at " + Summary.format(ratio)));
            out.println("== peerstats bench summary (" + options.mode.name() + ") ==");
            Summary.lines(restore.summary()).forEach(out::println);
            out.flush();
            return 0;
        }
        Benchmark.Outcome outcome;
        try {
            outcome = benchmark.run();
        } finally {
            deleteQuietly(workDir);
        }
        Path json = ResultFiles.write(outDir, outcome.results(), outcome.histograms());
        if (options.docs) {
            ResultFiles.updateDocs(root.resolve("docs"), outcome.results(), outcome.histograms());
        }
        out.println();
        out.println("results: " + json + " (and latest.md, latency.png beside it)");
        if (options.docs) {
            out.println("docs: " + root.resolve("docs/benchmarks.md") + " and benchmarks-latency.png updated");
        }
        outcome.results().profiles().forEach((phase, summary) -> out.println("profile " + phase + ": " + summary));
        out.println("== peerstats bench summary (" + options.mode.name() + ") ==");
        Summary.lines(outcome.results().summary()).forEach(out::println);
        out.flush();
        return 0;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Dirs.deleteRecursively(dir);
        } catch (RuntimeException e) {
            log().warn("could not delete the work directory {}: {}", dir, e.getMessage());
        }
    }

    /** Looked up when first used, so that {@code main} can choose the logging configuration first. */
    private static Logger log() {
        return LoggerFactory.getLogger(BenchMain.class);
    }

    /** The parsed command line. */
    static final class Options {
        BenchMode mode = BenchMode.DEFAULT;
        String out;
        String jfr;
        String brokerDir;
        boolean docs;
        boolean help;
        boolean restoreOnly;
        boolean listsOnly;
        boolean peerOnly;
        int mentors;
        String rocksDbConfigSetter;
        final Map<String, String> streamsConfig = new LinkedHashMap<>();

        Map<String, String> streamsOverrides() {
            Map<String, String> overrides = new LinkedHashMap<>(streamsConfig);
            if (rocksDbConfigSetter != null) {
                overrides.put("rocksdb.config.setter", rocksDbConfigSetter);
            }
            return overrides;
        }

        static Options parse(String[] args) {
            Options options = new Options();
            List<String> list = List.of(args);
            int start = !list.isEmpty() && list.get(0).equals("bench") ? 1 : 0;
            for (int i = start; i < list.size(); i++) {
                String arg = list.get(i);
                switch (arg) {
                    case "--quick" -> options.mode = BenchMode.QUICK;
                    case "--restore-only" -> options.restoreOnly = true;
                    case "--lists-only" -> options.listsOnly = true;
                    case "--peer-only" -> options.peerOnly = true;
                    case "--docs" -> options.docs = true;
                    case "--help", "-h", "help" -> options.help = true;
                    case "--out" -> options.out = value(list, ++i, arg);
                    case "--jfr" -> options.jfr = value(list, ++i, arg);
                    case "--broker-dir" -> options.brokerDir = value(list, ++i, arg);
                    case "--mentors" -> options.mentors = positive(value(list, ++i, arg), arg);
                    case "--rocksdb-config-setter" -> options.rocksDbConfigSetter = value(list, ++i, arg);
                    case "--streams-config" -> options.addStreamsConfig(value(list, ++i, arg));
                    default -> throw new UsageException("unknown option '" + arg + "'");
                }
            }
            if (options.listsOnly && (options.restoreOnly || options.docs || options.brokerDir != null
                    || options.mentors > 0)) {
                throw new UsageException("--lists-only runs the list phase alone (with --quick: its small sizes); "
                        + "it takes no --restore-only, --docs, --broker-dir or --mentors");
            }
            if (options.peerOnly) {
                if (options.restoreOnly || options.listsOnly || options.docs || options.brokerDir != null
                        || options.mode == BenchMode.QUICK) {
                    throw new UsageException("--peer-only runs the peer beside the service alone; it takes no "
                            + "--quick, --restore-only, --lists-only, --docs or --broker-dir (--mentors N sets its size)");
                }
                options.mode = BenchMode.PEER_ONLY;
            }
            if (options.restoreOnly) {
                if (options.mode == BenchMode.QUICK) {
                    throw new UsageException("--restore-only and --quick are different runs: for a small restore, "
                            + "--restore-only --mentors N");
                }
                if (options.docs) {
                    throw new UsageException("--docs records the full run; --restore-only writes restore.json only");
                }
                options.mode = BenchMode.RESTORE_ONLY;
            } else if (options.brokerDir != null) {
                throw new UsageException("--broker-dir keeps the changelogs of a --restore-only run; the full run "
                        + "starts on a fresh broker");
            }
            if (options.mentors > 0) {
                options.mode = options.mode.withMentors(options.mentors);
            }
            if (options.docs && !options.streamsOverrides().isEmpty()) {
                throw new UsageException("--docs records the service as shipped, not a what-if run");
            }
            if (options.rocksDbConfigSetter != null) {
                try {
                    Class.forName(options.rocksDbConfigSetter);
                } catch (ClassNotFoundException e) {
                    throw new UsageException("no class " + options.rocksDbConfigSetter + " on the class path");
                }
            }
            return options;
        }

        private void addStreamsConfig(String setting) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--streams-config needs KEY=VALUE, not '" + setting + "'");
            }
            streamsConfig.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }

        private static int positive(String value, String option) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(option + " needs a positive whole number, not '" + value + "'");
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new UsageException(option + " needs a value");
            }
            return args.get(index);
        }
    }

    /** The command line is wrong: print the reason and the usage. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

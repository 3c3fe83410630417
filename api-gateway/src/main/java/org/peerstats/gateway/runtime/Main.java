package org.peerstats.gateway.runtime;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.peerstats.gateway.auth.JwtSecrets;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.streams.topology.FormatLocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code peerstats} command line: {@code run [--demo]} starts the service, {@code token}
 * prints a signed development token, {@code acls} and {@code broker} help set up a cluster with
 * authentication ({@link ClusterCommands}), {@code dead-letters list|replay} show and send back
 * refused records ({@link DeadLetterCommands}). Configuration comes from the environment (see
 * {@link PeerstatsConfig}); exit code 2 means the command line was wrong, 1 that starting or the
 * command failed (for {@code dead-letters replay}: that it refused an id and sent nothing).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private static final String USAGE = """
            usage: peerstats <command> [options]

            commands:
              run [--demo]        start the service (embedded Kafka unless KAFKA_BOOTSTRAP_SERVERS is set);
                                  --demo also loads the sample data set and prints a token to try
              token --role ROLE [--org ORGANISATION_ID] [--mentor PEER_MENTOR_ID] [--hours N]
                    [--production-secret]
                                  print a signed token; ROLE is admin|coordinator|peer_mentor|system.
                                  Signs with the development secret; when PEERSTATS_JWT_SECRET is set
                                  only with --production-secret (then valid 1 h unless --hours says
                                  otherwise); never in JWKS mode. At most PEERSTATS_JWT_MAX_LIFETIME_MINUTES.
              acls [--principal P] [--producer-principal P] [--reader-principal P --reader-group G]
                   [--replayer-principal P] [--apply]
                                  print the Kafka ACLs the service (default User:peerstats) and event
                                  producers (User:mentor-app) need, as kafka-acls.sh commands (and an
                                  operator's for dead-letters, with --replayer-principal); --apply
                                  creates them with the login in PEERSTATS_KAFKA_* (docs/operations.md)
              broker [--sasl] [--users NAME:PASSWORD,...]
                                  run the embedded Kafka broker alone; --sasl requires SCRAM logins and
                                  ACLs (super user 'admin', password PEERSTATS_BROKER_ADMIN_PASSWORD or
                                  generated) and creates the given users
              dead-letters list [--since INSTANT] [--topic TOPIC]
                                  the records the topology refused: each one's id (PARTITION:OFFSET in the
                                  dead-letter topic), where it came from, its time, why in plain words and
                                  an excerpt of its value; --since an ISO-8601 instant (the record's time),
                                  --topic its original topic (with or without the topic prefix)
              dead-letters replay --offsets PARTITION:OFFSET[,...]
                                  send those dead letters back to their input topics (once the producer or
                                  a bound is fixed), each at most once however often it is run; refuses
                                  all if one cannot be sent. Both use KAFKA_BOOTSTRAP_SERVERS, else the
                                  embedded broker of a running `peerstats run` (PEERSTATS_EMBEDDED_KAFKA_PORT)
              kafka TOOL ARGS...  one of Kafka's own tools with its own arguments, for a machine without a
                                  Kafka distribution: kafka-streams-application-reset, kafka-consumer-groups,
                                  kafka-topics, kafka-acls, kafka-configs, kafka-console-consumer,
                                  kafka-get-offsets
              help                this text

            Configuration is read from PEERSTATS_* environment variables: see README.md.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.getenv());
        } catch (UsageException e) {
            System.err.println("peerstats: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            code = 2;
        } catch (RuntimeException e) {
            String command = args.length == 0 || args[0].equals("run") ? "could not start" : args[0] + " failed";
            LOG.error("peerstats {}: {}", command, e.getMessage(), e);
            code = 1;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, Map<String, String> env) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE);
            return 0;
        }
        if (args[0].equals("kafka")) {
            // the tool's own options, not ours
            KafkaTools.run(Arrays.copyOfRange(args, 1, args.length));
            return 0;
        }
        Map<String, String> options = options(args, commandWords(args));
        if (options.containsKey("help")) {
            out.print(USAGE);
            return 0;
        }
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(env);
        return switch (args[0]) {
            case "run" -> serve(config, options.containsKey("demo"), out);
            case "token" -> token(config, options, out);
            case "acls" -> ClusterCommands.acls(config, options, out);
            case "broker" -> ClusterCommands.broker(config, options, env, out);
            case "dead-letters" -> DeadLetterCommands.run(config, commandWords(args) == 2 ? args[1] : "", options, out,
                    Clock.systemUTC());
            default -> throw new UsageException("unknown command '" + args[0] + "'");
        };
    }

    private static int serve(PeerstatsConfig config, boolean demo, PrintStream out) {
        Locale formatLocale = FormatLocale.useUnitedStates();
        if (!formatLocale.equals(Locale.US)) {
            LOG.info("default formatting locale {} replaced by {} (see FormatLocale)", formatLocale, Locale.US);
        }
        out.println("peerstats configuration:");
        config.describe().forEach((name, value) -> out.println("  " + name + " = " + value));
        PeerstatsService service = PeerstatsService.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping peerstats");
            service.close();
            stopped.countDown();
        }, "peerstats-shutdown"));
        if (demo) {
            int loaded = DemoData.load(service.kafkaClients(), config.topics(), Clock.systemUTC());
            String token = new TokenIssuer(service.secrets().secret(), config.tokenRules(), Clock.systemUTC())
                    .issue(new Principal("demo-coordinator", Role.COORDINATOR, DemoData.OSLO, null));
            out.printf("%nDemo data loaded: %d events for %d mentors in 2 organisations.%n", loaded,
                    DemoData.mentorCount());
            // the fragment never leaves the browser: the page takes the token from it and removes it
            out.printf("%nOpen the coordinator page, signed in as the demo coordinator of %s:%n", DemoData.OSLO);
            out.printf("  http://localhost:%d/#token=%s%n%n", service.httpPort(), token);
            out.println("A coordinator token for " + DemoData.OSLO + " (valid 12 h):");
            out.println("  export TOKEN=" + token);
            out.println("Try:");
            out.printf("  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/api/v1/peer-mentor-stats/%s%n",
                    service.httpPort(), DemoData.KARI);
            out.printf("  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/api/v1/peer-mentor-stats/%s/streak%n",
                    service.httpPort(), DemoData.KARI);
            out.printf("  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/api/v1/peer-mentor-bloc%n",
                    service.httpPort());
            out.printf("  curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/api/v1/peer-mentor-bloc/%s%n",
                    service.httpPort(), DemoData.KARI);
        }
        out.printf("%npeerstats is running on http://localhost:%d (Ctrl-C stops it)%n", service.httpPort());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int token(PeerstatsConfig config, Map<String, String> options, PrintStream out) {
        String roleName = Optional.ofNullable(options.get("role"))
                .orElseThrow(() -> new UsageException("token needs --role"));
        Role role = Role.fromClaim(roleName)
                .orElseThrow(() -> new UsageException("unknown role '" + roleName
                        + "'; use admin|coordinator|peer_mentor|system"));
        String mentor = options.get("mentor");
        if (role == Role.PEER_MENTOR && mentor == null) {
            throw new UsageException("a peer_mentor token needs --mentor PEER_MENTOR_ID");
        }
        if (config.jwksUrl().isPresent()) {
            throw new UsageException("this service takes tokens from the identity provider at PEERSTATS_JWKS_URL "
                    + "only; ask the provider for one");
        }
        boolean production = config.jwtSecret().isPresent();
        if (production && !options.containsKey("production-secret")) {
            throw new UsageException("PEERSTATS_JWT_SECRET is set: a token signed with it is good on the running "
                    + "service. Add --production-secret to sign one with it on purpose");
        }
        String defaultHours = production ? "1" : String.valueOf(TokenIssuer.DEFAULT_LIFETIME.toHours());
        Duration lifetime = Duration.ofHours(parseHours(options.getOrDefault("hours", defaultHours)));
        if (lifetime.compareTo(config.tokenRules().maxLifetime()) > 0) {
            throw new UsageException("--hours " + lifetime.toHours() + " is longer than the maximum token lifetime of "
                    + config.tokenRules().maxLifetime().toMinutes() + " min (PEERSTATS_JWT_MAX_LIFETIME_MINUTES)");
        }
        JwtSecrets secrets = resolveSecrets(config);
        String subject = mentor != null ? mentor : "dev-" + role.claim();
        out.println(new TokenIssuer(secrets.secret(), config.tokenRules(), Clock.systemUTC())
                .issue(new Principal(subject, role, options.get("org"), mentor), lifetime));
        return 0;
    }

    private static JwtSecrets resolveSecrets(PeerstatsConfig config) {
        try {
            return JwtSecrets.resolve(config.jwtSecret(), config.dataDir());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read or create the JWT secret in " + config.dataDir(), e);
        }
    }

    private static long parseHours(String value) {
        try {
            long hours = Long.parseLong(value);
            if (hours < 1) {
                throw new UsageException("--hours must be at least 1");
            }
            return hours;
        } catch (NumberFormatException e) {
            throw new UsageException("--hours must be a whole number, not '" + value + "'");
        }
    }

    /** How many words name the command: {@code dead-letters list} two, the others one. */
    private static int commandWords(String[] args) {
        return args[0].equals("dead-letters") && args.length > 1 && !args[1].startsWith("--") ? 2 : 1;
    }

    /** {@code --name value} and bare {@code --flag} options after the command's {@code words}. */
    private static Map<String, String> options(String[] args, int words) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(words, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            boolean flag = List.of("demo", "help", "production-secret", "apply", "sasl").contains(name);
            if (flag) {
                options.put(name, "true");
            } else if (i + 1 < rest.size()) {
                options.put(name, rest.get(++i));
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
        }
        return options;
    }

    /** The command line is wrong: print the reason and the usage. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

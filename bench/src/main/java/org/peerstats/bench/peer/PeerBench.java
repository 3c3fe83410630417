package org.peerstats.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.peerstats.bench.BenchResults.Endpoint;
import org.peerstats.bench.CpuUsage;
import org.peerstats.bench.report.Latency;
import org.peerstats.bench.service.HttpLoad;
import org.peerstats.bench.service.KeepAliveClient;
import org.peerstats.bench.workload.TimedEvent;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.serde.Json;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * The PostgreSQL peer, side by side with peerstats in the same run: the same workload written
 * into an {@code activities} table (single-row upserts from {@link #CONNECTIONS} connections, one
 * durable commit per event; then again in batches of {@link #BATCH} rows per transaction), the
 * events the freshness phase added applied on top (untimed) so that the peer holds what the
 * service holds, then the same GET load as peerstats' stats endpoint had, against
 * {@link PeerStatsServer}; last, the peer's answers compared field by field with peerstats' own.
 */
public final class PeerBench {

    public static final int CONNECTIONS = 8;
    public static final int BATCH = 100;
    /**
     * Connections of the HTTP side's pool: as many as the ingest's (4× the cores). A what-if may
     * set another with {@code -Dpeerstats.bench.peer.pool=N} (in {@code PEERSTATS_JAVA_OPTS}).
     */
    public static final int POOL = Integer.getInteger("peerstats.bench.peer.pool", 8);

    /** What the run gives the peer: the data, and the GET load as peerstats had it. */
    public record Plan(List<TimedEvent> workload, String bootstrapServers, Topics.Topic<String, ActivityEvent> topic,
                       Map<TopicPartition, Long> afterPreload, OrganisationZones zones, List<String> organisations,
                       byte[] jwtSecret, TokenRules tokenRules, int tokenCacheSize, String authorization,
                       URI peerstats, List<String> loadMentors, List<String> sample, int clients, Duration warmUp,
                       Duration slice, int slices, long maxRequests, long seed) {
    }

    /**
     * @param available   false when PostgreSQL could not be installed or started ({@code reason} says why);
     *                    every figure is then NaN
     * @param server      what the peer ran on: binaries, version and the settings it reported
     * @param liveEvents  events the freshness phase added, applied after the timed ingest
     * @param get         the GET load on {@code /peer/api/v1/peer-mentor-stats/:id}
     * @param databaseCpuMicrosPerRequest CPU of the processes other than this JVM (PostgreSQL's) per request
     */
    public record Result(boolean available, String reason, Map<String, String> server, PeerIngest.Result single,
                         PeerIngest.Result batched, long liveEvents, Endpoint get, double databaseCpuMicrosPerRequest,
                         Comparison comparison) {

        static Result unavailable(String reason) {
            return new Result(false, reason, Map.of(), null, null, 0, null, Double.NaN,
                    new Comparison(0, 0, List.of(), List.of()));
        }

        public double singleRowEventsPerSecond() {
            return single == null ? Double.NaN : single.eventsPerSecond();
        }

        public double batchedEventsPerSecond() {
            return batched == null ? Double.NaN : batched.eventsPerSecond();
        }

        public double requestsPerSecond() {
            return get == null ? Double.NaN : get.requestsPerSecond();
        }

        public double p99Ms() {
            return get == null ? Double.NaN : get.latency().p99Ms();
        }
    }

    /**
     * @param fields      the fields compared, each peerstats' name (and endpoint)
     * @param mismatches  mentors with at least one differing field
     * @param differences the first few differences, field by field
     */
    public record Comparison(int checked, int mismatches, List<String> fields, List<String> differences) {
    }

    /** The fields both compute, by where peerstats answers them. */
    static final List<String> STATS_FIELDS = List.of("organisation_id", "activity_count", "session_count",
            "unique_mentees_count", "total_hours_mentored", "last_active_at", "current_streak_days", "computed_at");
    static final List<String> STREAK_FIELDS = List.of("current_streak_days", "streak_started_at",
            "longest_streak_days", "last_active_at", "computed_at");

    private final Path dir;
    private final Consumer<String> progress;

    public PeerBench(Path dir, Consumer<String> progress) {
        this.dir = dir;
        this.progress = progress;
    }

    /** Runs the peer; PostgreSQL that cannot be had is reported in the result, not thrown. */
    public Result run(Plan plan, Map<String, Histogram> histograms) throws SQLException, InterruptedException {
        PostgresServer.Installation installation;
        try {
            installation = PostgresServer.ensureInstalled(progress);
        } catch (PostgresServer.UnavailableException e) {
            progress.accept("peer: LEFT OUT, no PostgreSQL: " + e.getMessage());
            return Result.unavailable(e.getMessage());
        }
        try (PostgresServer database = PostgresServer.start(installation, dir, progress)) {
            return measure(database, plan, histograms);
        } catch (PostgresServer.UnavailableException e) {
            progress.accept("peer: LEFT OUT, PostgreSQL did not start: " + e.getMessage());
            return Result.unavailable(e.getMessage());
        }
    }

    private Result measure(PostgresServer database, Plan plan, Map<String, Histogram> histograms)
            throws SQLException, InterruptedException {
        Map<String, String> server = new LinkedHashMap<>();
        server.put("binaries", database.installation().binDir().toString());
        server.put("installation", database.installation().how());
        server.put("run_as", PostgresServer.isRoot() ? PostgresServer.OS_USER + " (runuser)" : "this user");
        server.put("port", String.valueOf(database.port()));
        server.putAll(database.reportedSettings());
        progress.accept("peer: PostgreSQL reports " + server);
        Map<String, String> zones = new TreeMap<>();
        plan.organisations().forEach(org -> zones.put(org, plan.zones().zoneOf(org).getId()));
        try (Connection connection = database.connect()) {
            PeerSchema.create(connection, zones);
        }

        progress.accept("peer: ingest, " + plan.workload().size() + " events as single-row upserts from "
                + CONNECTIONS + " connections, one commit each");
        PeerIngest.Result single = PeerIngest.run("single_row", database::connect, plan.workload(), CONNECTIONS, 1);
        progress.accept(String.format("peer: single-row upserts %.0f events/s (%.2f s)", single.eventsPerSecond(),
                single.seconds()));
        try (Connection connection = database.connect()) {
            PeerSchema.truncate(connection);
            PeerSchema.vacuumAnalyze(connection);
        }
        progress.accept("peer: ingest again, in batches of " + BATCH + " rows per transaction");
        PeerIngest.Result batched = PeerIngest.run("batched", database::connect, plan.workload(), CONNECTIONS, BATCH);
        progress.accept(String.format("peer: batches of %d %.0f events/s (%.2f s)", BATCH, batched.eventsPerSecond(),
                batched.seconds()));
        List<TimedEvent> live = liveEvents(plan);
        PeerIngest.run("live", database::connect, live, CONNECTIONS, BATCH);
        try (Connection connection = database.connect()) {
            PeerSchema.vacuumAnalyze(connection);
        }
        progress.accept("peer: applied the " + live.size() + " events the freshness phase added; GET load, "
                + plan.clients() + " clients");

        try (PeerStatsServer http = new PeerStatsServer(database, POOL, new PeerStatsQuery(plan.zones().defaultZone()),
                plan.jwtSecret(), plan.tokenRules(), plan.tokenCacheSize(), Clock.systemUTC()).start()) {
            URI base = URI.create("http://127.0.0.1:" + http.port());
            List<KeepAliveClient.Request> requests = plan.loadMentors().stream()
                    .map(id -> KeepAliveClient.get(base.resolve(PeerStatsServer.PATH + id), "Authorization",
                            plan.authorization()))
                    .toList();
            HttpLoad.Result result;
            Optional<CpuUsage.Snapshot> before;
            try (HttpLoad load = new HttpLoad(plan.clients())) {
                HttpLoad.Result warm = load.run("peer-warm-up", requests, plan.warmUp(), plan.maxRequests(),
                        plan.seed(), peerStatsCheck());
                if (warm.requests() == 0 || warm.errors() > 0) {
                    throw new IllegalStateException("peer GET warm-up: " + warm.errors() + " of " + warm.requests()
                            + " answers were not 200 with the expected body");
                }
                before = CpuUsage.snapshot();
                result = null;
                for (int slice = 0; slice < plan.slices(); slice++) {
                    HttpLoad.Result s = load.run("peer-stats", requests, plan.slice(), plan.maxRequests(),
                            plan.seed() + slice);
                    result = result == null ? s : result.plus(s);
                }
            }
            Optional<CpuUsage.Usage> cpu = CpuUsage.between(before, CpuUsage.snapshot());
            HttpLoad.Result measured = result;
            double dbCpu = cpu.map(u -> u.otherCores() * measured.seconds() * 1e6 / Math.max(1, measured.requests()))
                    .orElse(Double.NaN);
            histograms.put("peer_get_stats", result.latencyMicros());
            Endpoint get = new Endpoint(PeerStatsServer.PATH + ":id", result.requests(), result.errors(),
                    result.seconds(), result.requestsPerSecond(), result.cpuMicrosPerRequest(),
                    Latency.of(result.latencyMicros()));
            progress.accept(String.format("peer: GET %.0f requests/s, p50 %.2f ms, p99 %.2f ms, JVM CPU %.0f µs and "
                            + "PostgreSQL %.0f µs per request", get.requestsPerSecond(), get.latency().p50Ms(),
                    get.latency().p99Ms(), get.cpuMicrosPerRequest(), dbCpu));
            Comparison comparison = compare(plan, base);
            if (comparison.mismatches() > 0) {
                progress.accept("WARNING: peer and peerstats differ for " + comparison.mismatches() + " of "
                        + comparison.checked() + " mentors, e.g. " + comparison.differences());
            } else {
                progress.accept("peer: the same figures as peerstats for all " + comparison.checked()
                        + " sampled mentors (" + comparison.fields().size() + " fields each)");
            }
            return new Result(true, null, server, single, batched, live.size(), get, dbCpu, comparison);
        }
    }

    private static HttpLoad.ResponseCheck peerStatsCheck() {
        return (request, body, length) -> {
            try {
                JsonNode json = Json.mapper().readTree(body, 0, length);
                String path = request.uri().getPath();
                return json.path("peer_mentor_id").asText().equals(path.substring(PeerStatsServer.PATH.length()))
                        && json.path("activity_count").isIntegralNumber();
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** The records produced into the activities topic after the preload (the freshness phase's), in partition order. */
    private static List<TimedEvent> liveEvents(Plan plan) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<TimedEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, ActivityEvent> consumer = new KafkaConsumer<>(config,
                plan.topic().keySerde().deserializer(), plan.topic().valueSerde().deserializer())) {
            List<TopicPartition> partitions = List.copyOf(plan.afterPreload().keySet());
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            plan.afterPreload().forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the live events back from " + plan.topic().name());
                }
                for (ConsumerRecord<String, ActivityEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        events.add(new TimedEvent(record.key(), record.value(), record.timestamp()));
                    }
                }
            }
        }
        return events;
    }

    /**
     * Each sampled mentor's peer document against peerstats' {@code /stats/:id} and
     * {@code /stats/:id/streak}, field by field. A mentor that differs is read again once (a tick
     * at local midnight between the reads would otherwise show as a difference).
     */
    private Comparison compare(Plan plan, URI peer) {
        List<String> fields = new ArrayList<>();
        STATS_FIELDS.forEach(f -> fields.add(f));
        STREAK_FIELDS.forEach(f -> fields.add("streak." + f));
        int mismatches = 0;
        List<String> differences = new ArrayList<>();
        try (KeepAliveClient client = new KeepAliveClient(Duration.ofSeconds(10))) {
            for (String mentor : plan.sample()) {
                List<String> found = differences(client, plan, peer, mentor);
                if (!found.isEmpty()) {
                    found = differences(client, plan, peer, mentor);
                }
                if (!found.isEmpty()) {
                    mismatches++;
                    for (String difference : found) {
                        if (differences.size() < 8) {
                            differences.add(difference);
                        }
                    }
                }
            }
        }
        return new Comparison(plan.sample().size(), mismatches, fields, differences);
    }

    private static List<String> differences(KeepAliveClient client, Plan plan, URI peer, String mentor) {
        List<String> found = new ArrayList<>();
        try {
            JsonNode stats = read(client, plan.peerstats().resolve("/api/v1/peer-mentor-stats/" + mentor),
                    plan.authorization());
            JsonNode streak = read(client, plan.peerstats().resolve("/api/v1/peer-mentor-stats/" + mentor + "/streak"),
                    plan.authorization());
            JsonNode mine = read(client, peer.resolve(PeerStatsServer.PATH + mentor), plan.authorization());
            if (stats == null || streak == null || mine == null) {
                found.add(mentor + ": no answer (peerstats " + (stats != null) + ", peer " + (mine != null) + ")");
                return found;
            }
            for (String field : STATS_FIELDS) {
                same(found, mentor, field, stats.get(field), mine.get(field));
            }
            for (String field : STREAK_FIELDS) {
                same(found, mentor, "streak." + field, streak.get(field), mine.get(field));
            }
        } catch (IOException e) {
            found.add(mentor + ": " + e.getMessage());
        }
        return found;
    }

    private static void same(List<String> found, String mentor, String field, JsonNode peerstats, JsonNode peer) {
        boolean equal = peerstats != null && peer != null && (peerstats.isNumber() && peer.isNumber()
                ? peerstats.decimalValue().compareTo(peer.decimalValue()) == 0
                : Objects.equals(peerstats, peer));
        if (!equal) {
            found.add(mentor + " " + field + ": peerstats " + peerstats + ", peer " + peer);
        }
    }

    private static JsonNode read(KeepAliveClient client, URI uri, String authorization) throws IOException {
        if (client.send(KeepAliveClient.get(uri, "Authorization", authorization)) != 200) {
            return null;
        }
        return Json.mapper().readTree(client.body(), 0, client.bodyLength());
    }
}

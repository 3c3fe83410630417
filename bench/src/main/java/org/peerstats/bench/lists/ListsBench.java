package org.peerstats.bench.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.peerstats.bench.report.Latency;
import org.peerstats.bench.service.HttpLoad;
import org.peerstats.bench.service.KeepAliveClient;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.PeerstatsConfig;
import org.peerstats.gateway.runtime.PeerstatsService;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.MentorProfile;

/**
 * What one list request costs as the installation grows (issue 15): a service on a broker of its
 * own is loaded with a population of mentors ({@link ListPopulation}: profiles, activities, the
 * badges they earn and some revocations), every list query is timed with {@link #CLIENTS}
 * closed-loop clients, then the population grows to the next size and the same queries are timed
 * again. Before each size is timed, every request the queries send is answered once and its
 * {@code pagination.total} and page length are checked against the population's known totals, so
 * a figure never times a wrong or partial answer.
 */
public final class ListsBench {

    /** Clients per query, as the issue asks. */
    public static final int CLIENTS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 20;

    /** The sizes and how long each query is timed. */
    public record Plan(List<Integer> sizes, Duration warmUp, Duration measure) {
        public static Plan of(boolean quick) {
            return quick ? new Plan(List.of(500, 5_000), Duration.ofSeconds(1), Duration.ofSeconds(2))
                    : new Plan(List.of(10_000, 100_000), Duration.ofSeconds(3), Duration.ofSeconds(8));
        }
    }

    /** One query at one size. {@code headline}: counted in the worst-of figures (a deep page is not). */
    public record QueryResult(String name, String example, boolean headline, long requests, long errors,
                              double requestsPerSecond, Latency latency) {
    }

    public record SizeResult(int mentors, long earnedBadges, double loadSeconds, List<QueryResult> queries) {
    }

    /**
     * @param worstP50Ms the highest p50 of the headline queries at the largest size
     * @param growthP50  at the largest size ÷ at the smallest, for the query with the worst p50 at the largest
     */
    public record Result(List<SizeResult> sizes, double worstP50Ms, double worstP99Ms, double growthP50,
                         double growthP99) {
    }

    private final Path workDir;
    private final Consumer<String> progress;
    private final Map<String, String> streamsOverrides;

    /** @param streamsOverrides Kafka Streams settings of a what-if run ({@code --streams-config}), else empty */
    public ListsBench(Path workDir, Consumer<String> progress, Map<String, String> streamsOverrides) {
        this.workDir = workDir;
        this.progress = progress;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public Result run(Plan plan) throws Exception {
        String secret = "lists-bench-" + UUID.randomUUID() + UUID.randomUUID();
        ListPopulation population = new ListPopulation(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1)));
        List<SizeResult> sizes = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("lists-broker"), 0)) {
            Map<String, String> environment = new HashMap<>(Map.of("PEERSTATS_JWT_SECRET", secret));
            environment.putAll(PeerstatsConfig.kafkaEnvironment(streamsOverrides));
            PeerstatsConfig config = PeerstatsConfig.fromEnvironment(environment)
                    .withKafka(broker.bootstrapServers(), 0, workDir.resolve("lists-service"), "peerstats-lists-bench");
            Topics topics = config.topics();
            TokenIssuer tokens = new TokenIssuer(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
            try (PeerstatsService service = PeerstatsService.start(config, Clock.systemUTC());
                 KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
                if (!service.awaitRunning(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("the service did not reach RUNNING: " + service.streams().state());
                }
                URI base = URI.create("http://127.0.0.1:" + service.httpPort());
                // an admin of no organisation sees every organisation (system may not call the list routes)
                String admin = tokens.issue(new Principal("lists-bench", Role.ADMIN, null, null));
                for (int size : plan.sizes()) {
                    long started = System.nanoTime();
                    List<ListPopulation.Mentor> added = population.growTo(size);
                    progress.accept("lists: loading " + added.size() + " more mentors (" + size + " in all)");
                    send(producer, topics, population, added);
                    ListPopulation.Totals totals = population.totals();
                    awaitLoaded(base, admin, totals);
                    double loadSeconds = (System.nanoTime() - started) / 1e9;
                    progress.accept(String.format("lists: %d mentors and %d earned badges listed after %.1f s", size,
                            totals.awarded(), loadSeconds));
                    sizes.add(new SizeResult(size, totals.awarded(), loadSeconds,
                            timeQueries(plan, queries(base, tokens, admin, population, totals))));
                }
            }
        }
        return result(sizes);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(),
                (Serializer<byte[]>) (topic, data) -> data);
    }

    /** Profiles first, then each mentor's events in order (keyed by mentor, so one partition keeps them in order). */
    private static void send(KafkaProducer<String, byte[]> producer, Topics topics, ListPopulation population,
                             List<ListPopulation.Mentor> mentors) {
        Serializer<MentorProfile> profiles = topics.mentorProfiles().valueSerde().serializer();
        Serializer<ActivityEvent> activities = topics.activities().valueSerde().serializer();
        for (ListPopulation.Mentor mentor : mentors) {
            producer.send(new ProducerRecord<>(topics.mentorProfiles().name(), mentor.id(),
                    profiles.serialize(topics.mentorProfiles().name(), population.profile(mentor))));
        }
        for (ListPopulation.Mentor mentor : mentors) {
            for (ActivityEvent event : population.events(mentor)) {
                producer.send(new ProducerRecord<>(topics.activities().name(), mentor.id(),
                        activities.serialize(topics.activities().name(), event)));
            }
        }
        producer.flush();
    }

    /** Until the system-wide lists show every mentor and every badge, held and revoked, as the population says. */
    private void awaitLoaded(URI base, String admin, ListPopulation.Totals totals) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        Map<String, Long> expected = Map.of(
                "/api/v1/peer-mentor-bloc?limit=1", totals.mentors(),
                "/api/v1/earned-badges?limit=1", totals.held(),
                "/api/v1/earned-badges?limit=1&include_revoked=true", totals.awarded());
        Map<String, Long> seen = new LinkedHashMap<>();
        long nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            seen.clear();
            for (String path : expected.keySet()) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() >= 400 && answer.statusCode() < 500) {
                    throw new IllegalStateException("lists: GET " + path + " answered " + answer.body());
                }
                seen.put(path, answer.statusCode() == 200
                        ? JSON.readTree(answer.body()).path("pagination").path("total").asLong(-1) : -1);
            }
            if (seen.equals(expected)) {
                return;
            }
            if (System.nanoTime() > nextReport) {
                progress.accept("lists: still loading; totals " + seen.values() + " of " + expected.values());
                nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the lists did not reach the population's totals: " + seen + " of " + expected);
    }

    /** A query: requests picked at random, and what each one's answer must show. */
    private record Query(String name, boolean headline, List<KeepAliveClient.Request> requests,
                         Map<URI, Expected> expected) {
    }

    /** The list's total, and how many items precede the requested page. */
    private record Expected(long total, long offset) {
    }

    private static List<Query> queries(URI base, TokenIssuer tokens, String admin, ListPopulation population,
                                       ListPopulation.Totals totals) {
        Random random = new Random(population.mentors().size());
        List<Query> queries = new ArrayList<>();
        QueryBuilder own = new QueryBuilder("badges_of_a_mentor_as_the_mentor", true);
        for (int i = 0; i < 500; i++) {
            ListPopulation.Mentor mentor = population.mentors().get(random.nextInt(population.mentors().size()));
            own.add(base, "/api/v1/earned-badges?peer_mentor_id=" + mentor.id(),
                    tokens.issue(new Principal(mentor.id(), Role.PEER_MENTOR, mentor.organisationId(), mentor.id())),
                    mentor.held(), 0);
        }
        queries.add(own.build());
        QueryBuilder organisation = new QueryBuilder("badges_of_an_organisation", true);
        QueryBuilder withRevoked = new QueryBuilder("badges_of_an_organisation_with_revoked", true);
        QueryBuilder dashboard = new QueryBuilder("dashboard_of_an_organisation", true);
        QueryBuilder byStatus = new QueryBuilder("dashboard_of_an_organisation_by_status", true);
        QueryBuilder deepPage = new QueryBuilder("badges_of_an_organisation_page_50", false);
        for (int i = 0; i < ListPopulation.ORGANISATIONS; i++) {
            String org = ListPopulation.organisation(i);
            String coordinator = tokens.issue(new Principal("coordinator-" + org, Role.COORDINATOR, org, null));
            organisation.add(base, "/api/v1/earned-badges?organisation_id=" + org + "&limit=" + LIMIT, coordinator,
                    totals.heldByOrganisation().getOrDefault(org, 0L), 0);
            withRevoked.add(base, "/api/v1/earned-badges?organisation_id=" + org + "&include_revoked=true&limit="
                    + LIMIT, coordinator, totals.awardedByOrganisation().getOrDefault(org, 0L), 0);
            deepPage.add(base, "/api/v1/earned-badges?organisation_id=" + org + "&limit=" + LIMIT + "&page=50",
                    coordinator, totals.heldByOrganisation().getOrDefault(org, 0L), 49L * LIMIT);
            dashboard.add(base, "/api/v1/peer-mentor-bloc?organisation_id=" + org + "&limit=" + LIMIT, coordinator,
                    totals.listed().getOrDefault(org, 0L), 0);
            for (String status : ListPopulation.STATUSES) {
                byStatus.add(base, "/api/v1/peer-mentor-bloc?organisation_id=" + org + "&status="
                        + URLEncoder.encode(status, StandardCharsets.UTF_8) + "&limit=" + LIMIT, coordinator,
                        totals.listed().getOrDefault(org + "/" + status, 0L), 0);
            }
        }
        QueryBuilder everyone = new QueryBuilder("badges_of_every_organisation_as_admin", true);
        everyone.add(base, "/api/v1/earned-badges?limit=" + LIMIT, admin, totals.held(), 0);
        queries.addAll(List.of(organisation.build(), withRevoked.build(), dashboard.build(), byStatus.build(),
                everyone.build(), deepPage.build()));
        return queries;
    }

    private static final class QueryBuilder {
        private final String name;
        private final boolean headline;
        private final List<KeepAliveClient.Request> requests = new ArrayList<>();
        private final Map<URI, Expected> expected = new HashMap<>();

        QueryBuilder(String name, boolean headline) {
            this.name = name;
            this.headline = headline;
        }

        void add(URI base, String path, String token, long total, long offset) {
            KeepAliveClient.Request request = KeepAliveClient.get(base.resolve(path), "Authorization", "Bearer " + token);
            requests.add(request);
            expected.put(request.uri(), new Expected(total, offset));
        }

        Query build() {
            return new Query(name, headline, List.copyOf(requests), Map.copyOf(expected));
        }
    }

    private List<QueryResult> timeQueries(Plan plan, List<Query> queries) {
        List<QueryResult> results = new ArrayList<>();
        try (HttpLoad load = new HttpLoad(CLIENTS)) {
            for (Query query : queries) {
                HttpLoad.Result checked = load.run(query.name() + "-check", query.requests(), plan.warmUp(),
                        Long.MAX_VALUE, 1, (request, body, length) -> exact(query, request, body, length));
                if (checked.requests() == 0 || checked.errors() > 0) {
                    throw new IllegalStateException("lists: " + checked.errors() + " of " + checked.requests()
                            + " answers to " + query.name() + " were not 200 with the exact total and page");
                }
                HttpLoad.Result timed = load.run(query.name(), query.requests(), plan.measure(), Long.MAX_VALUE, 2);
                Latency latency = Latency.of(timed.latencyMicros());
                results.add(new QueryResult(query.name(), query.requests().get(0).uri().getPath() + "?"
                        + query.requests().get(0).uri().getQuery(), query.headline(), timed.requests(), timed.errors(),
                        timed.requestsPerSecond(), latency));
                progress.accept(String.format("lists: %s p50 %.2f ms, p99 %.2f ms, %.0f requests/s", query.name(),
                        latency.p50Ms(), latency.p99Ms(), timed.requestsPerSecond()));
            }
        }
        return results;
    }

    /** 200, the total the population says, and a page as long as that total leaves after the offset. */
    private static boolean exact(Query query, KeepAliveClient.Request request, byte[] body, int length) {
        try {
            JsonNode json = JSON.readTree(body, 0, length);
            Expected expected = query.expected().get(request.uri());
            long expectedItems = Math.max(0, Math.min(LIMIT, expected.total() - expected.offset()));
            return json.path("pagination").path("total").asLong(-1) == expected.total()
                    && json.path("data").size() == expectedItems;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result result(List<SizeResult> sizes) {
        SizeResult largest = sizes.get(sizes.size() - 1);
        SizeResult smallest = sizes.get(0);
        QueryResult worstP50 = null;
        QueryResult worstP99 = null;
        for (QueryResult query : largest.queries()) {
            if (!query.headline()) {
                continue;
            }
            if (worstP50 == null || query.latency().p50Ms() > worstP50.latency().p50Ms()) {
                worstP50 = query;
            }
            if (worstP99 == null || query.latency().p99Ms() > worstP99.latency().p99Ms()) {
                worstP99 = query;
            }
        }
        return new Result(sizes, worstP50.latency().p50Ms(), worstP99.latency().p99Ms(),
                worstP50.latency().p50Ms() / find(smallest, worstP50.name()).latency().p50Ms(),
                worstP99.latency().p99Ms() / find(smallest, worstP99.name()).latency().p99Ms());
    }

    private static QueryResult find(SizeResult size, String name) {
        return size.queries().stream().filter(query -> query.name().equals(name)).findFirst().orElseThrow();
    }
}

package org.peerstats.gateway;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.JwtTokenVerifier;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.peer.ForwardedRequest;
import org.peerstats.gateway.peer.ForwardedRequestVerifier;
import org.peerstats.gateway.peer.PeerKey;
import org.peerstats.gateway.peer.PeerSignature;
import org.peerstats.gateway.peer.PrincipalHeader;
import org.peerstats.gateway.query.ForwardedParts;
import org.peerstats.gateway.query.RequestForwarder;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.topology.MentorPartitioner;
import org.peerstats.streams.topology.StoreNames;

/**
 * Forwarding between two instances of one application on a real broker, signed with the peer key
 * instead of the caller's token: a read and a write asked of the instance that does not hold the
 * mentor are answered as the owner answers them, for the caller the first instance verified; a
 * request marked forwarded but not signed by a peer is refused, bearer token or not; and a rogue
 * member of the group — here a capture server the forward is sent to — receives no token and
 * nothing it can send on to a real instance.
 */
class ForwardedRequestsIntegrationTest {

    private static final String ORG = "org-forward";
    private static final String STATS = "/api/v1/peer-mentor-stats/";
    private static final String BADGES = "/api/v1/earned-badges";
    private static final int MENTORS = 8;

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static MutableClock clock;
    private static ServiceHarness a;
    private static ServiceHarness b;
    /** A mentor whose partition b holds, and one whose partition a holds. */
    private static String ofB;
    private static String ofA;

    @BeforeAll
    static void twoInstancesAndMentorsOnBoth() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        String appId = "peerstats-forward-" + UUID.randomUUID();
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Map<String, String> env = Map.of("PEERSTATS_TOPIC_PARTITIONS", "6");
        a = new ServiceHarness(broker.bootstrapServers(), dir.resolve("a"), appId, clock, env);
        b = new ServiceHarness(broker.bootstrapServers(), dir.resolve("b"), appId, clock, env);
        Instant now = clock.instant();
        for (int m = 0; m < MENTORS; m++) {
            a.send(a.topics.mentorProfiles(), mentor(m), new MentorProfile(mentor(m), ORG, "Forward " + m,
                    mentor(m) + "@example.org", "active", false), now);
            a.send(new ActivityEvent(EventOp.UPSERT, "fwd-" + m, mentor(m), ORG, ActivityType.SESSION, "mentee-" + m,
                    now.minus(Duration.ofHours(1)), 45), now);
        }
        String system = a.token(Role.SYSTEM, null, null);
        for (int m = 0; m < MENTORS; m++) {
            for (ServiceHarness instance : List.of(a, b)) {
                String path = STATS + mentor(m);
                ServiceHarness.Response stats = instance.awaitGet(path, system, r -> r.hasField("activity_count", 1));
                assertEquals(200, stats.status(), path + ": " + stats.body());
            }
        }
        ofB = ownedBy(b);
        ofA = ownedBy(a);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        broker.close();
    }

    @Test
    void aReadAskedOfTheOtherInstanceIsAnsweredAsTheOwnerAnswersForTheCallerTheFirstOneVerified() {
        String admin = a.token(Role.ADMIN, ORG, null);
        String theMentor = a.token(new Principal(ofB, Role.PEER_MENTOR, ORG, ofB));
        String anotherMentor = a.token(new Principal(ofA, Role.PEER_MENTOR, ORG, ofA));
        for (String path : List.of(STATS + ofB, STATS + ofB + "/activity-count?period=week", STATS + ofB + "/streak",
                BADGES + "/check?peer_mentor_id=" + ofB + "&badge_definition_id=bdg-def-001")) {
            ServiceHarness.Response owner = b.awaitGet(path, admin, r -> r.status() == 200);
            assertEquals(200, owner.status(), path + " on the owner: " + owner.body());
            assertEquals(b.service.httpPort(), ownerPort(ofB), "b still holds " + ofB);

            ServiceHarness.Response forwarded = a.get(path, admin);

            assertEquals(200, forwarded.status(), path + " through a: " + forwarded.body());
            assertEquals(owner.json(), forwarded.json(), path);
            assertEquals(owner.json(), a.get(path, theMentor).json(), "the mentor itself, through a: " + path);
            assertEquals(404, a.get(path, anotherMentor).status(),
                    "b decides with the principal a verified: another mentor does not see this one");
        }
    }

    @Test
    void aWriteAskedOfTheOtherInstanceRunsOnTheOwnerOnceAsTheCallerTheFirstOneVerified() {
        Principal admin = new Principal("kari-forwarded", Role.ADMIN, ORG, null);
        String token = a.token(admin);
        String award = "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"" + ofB + "\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "forwarded-award-1");
        long commandsBefore = a.endOffsetTotal(a.topics.badgeCommands().name());

        ServiceHarness.Response throughA = a.requestTo(a.service.httpPort(), "POST", BADGES, token, award, key);
        ServiceHarness.Response atOwner = b.requestTo(b.service.httpPort(), "POST", BADGES, token, award, key);

        assertEquals(201, throughA.status(), throughA.body());
        assertEquals(admin.subject(), throughA.json().get("awarded_by").asText(), "the subject a verified");
        assertEquals(ofB, throughA.json().get("peer_mentor_id").asText(), "the body reached b's handler whole");
        assertEquals(201, atOwner.status(), "the same caller, mentor, definition and key, now asked of b: "
                + atOwner.body());
        assertEquals(throughA.json(), atOwner.json(), "answered as the first time: one award");
        assertEquals(commandsBefore + 1, a.endOffsetTotal(a.topics.badgeCommands().name()));
        assertEquals(409, a.post(BADGES, token, award).status(), "without the key, a second award of a held badge");
    }

    @Test
    void aRequestMarkedForwardedWithoutAPeersSignatureIsRefusedEvenWithAValidToken() {
        String admin = b.token(Role.ADMIN, null, null);
        String path = STATS + ofB;
        Map<String, String> marked = Map.of(ForwardedRequest.FORWARDED_BY_HEADER, "localhost:" + a.service.httpPort());
        Map<String, String> forged = new HashMap<>(marked);
        forged.put(ForwardedRequest.SIGNED_AT_HEADER, String.valueOf(clock.millis()));
        forged.put(ForwardedRequest.PRINCIPAL_HEADER, PrincipalHeader.encode(new Principal("x", Role.SYSTEM, null, null)));
        forged.put(ForwardedRequest.SIGNATURE_HEADER, "A".repeat(43));

        assertUnauthorized(to(b, "GET", path, null, null, marked), "without " + ForwardedRequest.SIGNATURE_HEADER);
        assertUnauthorized(to(b, "GET", path, null, null, forged), "signature does not match");
        assertUnauthorized(to(b, "GET", path, admin, null, marked), "without " + ForwardedRequest.SIGNATURE_HEADER);
        assertUnauthorized(to(b, "GET", path, admin, null, forged), "signature does not match");
        assertUnauthorized(to(b, "GET", "/health/ready", null, null, marked),
                "without " + ForwardedRequest.SIGNATURE_HEADER);
        assertEquals(200, b.get(path, admin).status(), "the same token, unmarked, is a client's: as before");
    }

    @Test
    void aPeerSignedPrincipalThatCannotBeReadIsA401NotA500() {
        String path = STATS + ofB;
        ForwardedRequest malformed = new ForwardedRequest("GET", path, "", ForwardedRequest.sha256Hex(new byte[0]),
                ForwardedParts.HEADERS.stream().map(name -> new ForwardedRequest.Header(name, null)).toList(),
                "localhost:" + a.service.httpPort(), "localhost:" + b.service.httpPort(),
                String.valueOf(clock.millis()), "not.a.principal");
        Map<String, String> headers = Map.of(
                ForwardedRequest.FORWARDED_BY_HEADER, malformed.forwardedBy(),
                ForwardedRequest.SIGNED_AT_HEADER, malformed.signedAt(),
                ForwardedRequest.PRINCIPAL_HEADER, malformed.principal(),
                ForwardedRequest.SIGNATURE_HEADER, peerSignature().sign(malformed));

        assertUnauthorized(to(b, "GET", path, null, null, headers), "malformed " + ForwardedRequest.PRINCIPAL_HEADER);
    }

    /**
     * A member that joined the group with an {@code application.server} of its own receives the
     * requests for the partitions it was given. Here the forward goes to a capture server instead
     * of the owner: it holds no bearer token, and what it holds is of no use at a real instance —
     * signed for the capture server's address, for its path, and for 30 s.
     */
    @Test
    void aRogueMemberOfTheGroupReceivesNoTokenAndCannotReplayWhatItReceived() throws Exception {
        Principal admin = new Principal("rogue-target-admin", Role.ADMIN, ORG, null);
        String token = a.token(admin);
        ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();
        HttpServer rogue = captureServer(captured);
        Javalin front = forwardingFront(new HostInfo("127.0.0.1", rogue.getAddress().getPort()));
        try {
            String award = "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"" + ofA + "\"}";
            assertEquals(200, a.requestTo(front.port(), "GET", STATS + ofB + "?period=week", token, null, Map.of())
                    .status());
            assertEquals(200, a.requestTo(front.port(), "POST", BADGES, token, award,
                    Map.of("Idempotency-Key", "rogue-1")).status());

            assertEquals(2, captured.size());
            for (Captured request : captured) {
                assertFalse(request.headers().containsKey("authorization"), request.toString());
                assertFalse(request.toString().contains(token), "the token nowhere: " + request);
                assertFalse(request.toString().toLowerCase(Locale.ROOT).contains("bearer"), request.toString());
                assertEquals(admin, PrincipalHeader.decode(request.header(ForwardedRequest.PRINCIPAL_HEADER)));
            }
            Captured read = captured.poll();
            Captured write = captured.poll();
            assertEquals(STATS + ofB + "?period=week", read.uri());
            ServiceHarness.Response withTheKey = signedFor(b, read);
            assertEquals(200, withTheKey.status(), "the control: what was captured, signed for b by a holder of the "
                    + "peer key, passes, so only the signature refuses the replays below: " + withTheKey.body());
            assertEquals(b.get(read.uri(), token).json(), withTheKey.json());

            assertUnauthorized(replay(read, read.uri(), b), "signature does not match");
            assertUnauthorized(replay(write, BADGES, b), "signature does not match");
            assertUnauthorized(replay(write, BADGES, a), "signature does not match");
            assertUnauthorized(replay(read, STATS + ofA + "?period=week", b), "signature does not match");
            assertUnauthorized(replay(read, STATS + ofB + "?period=month", b), "signature does not match");
            clock.advance(Duration.ofMinutes(1));
            assertUnauthorized(replay(read, read.uri(), b), "is 60 s from this instance's clock; a forwarded request "
                    + "is accepted within 30 s");
            assertUnauthorized(signedFor(b, read), "is 60 s from this instance's clock");
        } finally {
            front.stop();
            rogue.stop(0);
        }
    }

    /** A request as the capture server received it; header names in lower case. */
    private record Captured(String method, String uri, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static HttpServer captureServer(ConcurrentLinkedQueue<Captured> captured) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            captured.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * Instance a's side of a forward, with the production classes: the access check with a's
     * token rules, then the forwarder with the peer key every instance derives — sent to
     * {@code owner}, whoever that is.
     */
    private static Javalin forwardingFront(HostInfo owner) {
        AccessControl access = new AccessControl(JwtTokenVerifier.hs256(
                ServiceHarness.SECRET.getBytes(StandardCharsets.UTF_8), a.service.config().tokenRules(), clock),
                new ForwardedRequestVerifier(peerSignature(), Duration.ofSeconds(30), clock), "localhost:1");
        RequestForwarder forwarder = new RequestForwarder(new HostInfo("localhost", 1), Duration.ofSeconds(5),
                peerSignature(), clock);
        Handler forward = ctx -> forwarder.forward(ctx, owner);
        return Javalin.create(config -> {
            config.routes.beforeMatched(access::check);
            config.routes.apiBuilder(() -> {
                get(STATS + "{peer_mentor_id}", forward, Role.ADMIN);
                post(BADGES, forward, Role.ADMIN);
            });
        }).start("127.0.0.1", 0);
    }

    /** The captured request sent to {@code instance} at {@code uri}, with every header the forward carried. */
    private static ServiceHarness.Response replay(Captured request, String uri, ServiceHarness instance) {
        return to(instance, request.method(), uri, null, request.body().isEmpty() ? null : request.body(),
                forwardHeaders(request));
    }

    /**
     * What only a holder of the peer key could send: a captured GET with its own time and
     * principal, signed anew for {@code instance}.
     */
    private static ServiceHarness.Response signedFor(ServiceHarness instance, Captured get) {
        URI uri = URI.create(get.uri());
        ForwardedRequest parts = new ForwardedRequest(get.method(), uri.getRawPath(), uri.getRawQuery(),
                ForwardedRequest.sha256Hex(new byte[0]),
                ForwardedParts.HEADERS.stream().map(name -> new ForwardedRequest.Header(name, get.header(name))).toList(),
                get.header(ForwardedRequest.FORWARDED_BY_HEADER), "localhost:" + instance.service.httpPort(),
                get.header(ForwardedRequest.SIGNED_AT_HEADER), get.header(ForwardedRequest.PRINCIPAL_HEADER));
        Map<String, String> headers = forwardHeaders(get);
        headers.put(ForwardedRequest.SIGNATURE_HEADER, peerSignature().sign(parts));
        return to(instance, get.method(), get.uri(), null, null, headers);
    }

    private static Map<String, String> forwardHeaders(Captured request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of(ForwardedRequest.FORWARDED_BY_HEADER, ForwardedRequest.SIGNED_AT_HEADER,
                ForwardedRequest.PRINCIPAL_HEADER, ForwardedRequest.SIGNATURE_HEADER)) {
            headers.put(name, request.header(name));
        }
        for (String name : ForwardedParts.HEADERS) {
            Optional.ofNullable(request.header(name)).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }

    private static ServiceHarness.Response to(ServiceHarness instance, String method, String path, String token,
                                              String body, Map<String, String> headers) {
        return instance.requestTo(instance.service.httpPort(), method, path, token, body, headers);
    }

    private static void assertUnauthorized(ServiceHarness.Response response, String because) {
        assertEquals(401, response.status(), response.body());
        assertEquals("unauthorized", response.json().at("/error/code").asText(), response.body());
        assertTrue(response.json().at("/error/message").asText().contains(because), response.body());
    }

    /** The key the instances derive from their shared JWT secret, as a member that knows it would sign. */
    private static PeerSignature peerSignature() {
        return new PeerSignature(PeerKey.resolve(a.service.config().peerSecret(), a.service.secrets()));
    }

    private static String ownedBy(ServiceHarness instance) {
        for (int m = 0; m < MENTORS; m++) {
            if (ownerPort(mentor(m)) == instance.service.httpPort()) {
                return mentor(m);
            }
        }
        throw new AssertionError("instance on " + instance.service.httpPort() + " holds none of the mentors");
    }

    private static int ownerPort(String mentor) {
        HostInfo owner = a.service.streams().queryMetadataForKey(StoreNames.MENTOR_STATS, mentor,
                MentorPartitioner.instance()).activeHost();
        assertNotNull(owner);
        return owner.port();
    }

    private static String mentor(int m) {
        return "pm-forward-" + m;
    }
}

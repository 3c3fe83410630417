package org.peerstats.bench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpLoadTest {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(20);
    private static final String STATS = "/api/v1/peer-mentor-stats/";

    @Test
    void aRunSendsExactlyTheRequestBoundOverItsClientsAndTimesEachOne() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()
                .answer("/ok", 200, "ok");
             HttpLoad load = new HttpLoad(4)) {
            HttpLoad.Result result = load.run("ok", List.of(KeepAliveClient.get(server.uri("/ok"))), LONG_ENOUGH,
                    500, 1);
            assertEquals(500, result.requests());
            assertEquals(0, result.errors());
            assertEquals(500, result.latencyMicros().getTotalCount());
            assertEquals(500, server.requests());
            // a client that started too late to send anything opened none
            assertTrue(server.connections() >= 1 && server.connections() <= 4,
                    "at most one keep-alive connection per client: " + server.connections());
        }
    }

    @Test
    void answersOtherThan200CountAsErrors() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()
                .answer("/ok", 200, "ok")
                .answer("/missing", 404, "{\"error\":\"nope\"}")
                .answer("/broken", 500, "");
             HttpLoad load = new HttpLoad(3)) {
            KeepAliveClient.Request ok = KeepAliveClient.get(server.uri("/ok"));
            KeepAliveClient.Request missing = KeepAliveClient.get(server.uri("/missing"));
            KeepAliveClient.Request broken = KeepAliveClient.get(server.uri("/broken"));

            HttpLoad.Result allMissing = load.run("missing", List.of(missing, broken), LONG_ENOUGH, 120, 2);
            assertEquals(120, allMissing.requests());
            assertEquals(120, allMissing.errors());

            HttpLoad.Result mixed = load.run("mixed", List.of(ok, missing), LONG_ENOUGH, 400, 3);
            assertEquals(400, mixed.requests());
            assertTrue(mixed.errors() > 100 && mixed.errors() < 300, "about half of 400: " + mixed.errors());
        }
    }

    @Test
    void a200WhoseBodyFailsTheCheckCountsAsAnError() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()
                .answer(STATS + "m-1", 200, stats("m-1", 7))
                .answer(STATS + "m-2", 200, stats("m-3", 7))
                .answer(STATS + "m-4", 200, "<html>a proxy's page</html>");
             HttpLoad load = new HttpLoad(2);
             StatsReader reader = new StatsReader(server.uri("/"), "token")) {
            HttpLoad.Result right = load.run("right", List.of(reader.statsRequest("m-1")), LONG_ENOUGH, 50, 4,
                    StatsReader.statsCheck());
            assertEquals(50, right.requests());
            assertEquals(0, right.errors());

            HttpLoad.Result wrong = load.run("wrong", List.of(reader.statsRequest("m-2"), reader.statsRequest("m-4")),
                    LONG_ENOUGH, 50, 5, StatsReader.statsCheck());
            assertEquals(50, wrong.requests());
            assertEquals(50, wrong.errors());

            HttpLoad.Result unchecked = load.run("unchecked", List.of(reader.statsRequest("m-4")), LONG_ENOUGH,
                    50, 6);
            assertEquals(0, unchecked.errors(), "without a check only the status counts");
        }
    }

    @Test
    void theLiveCheckWantsStatusUp() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()
                .answer("/health/live", 200, "{\"status\":\"up\"}");
             HttpLoad load = new HttpLoad(2);
             StatsReader reader = new StatsReader(server.uri("/"), "token")) {
            HttpLoad.Result live = load.run("live", List.of(reader.liveRequest()), LONG_ENOUGH, 20, 7,
                    StatsReader.liveCheck());
            assertEquals(20, live.requests());
            assertEquals(0, live.errors());
            HttpLoad.Result wrongCheck = load.run("live", List.of(reader.liveRequest()), LONG_ENOUGH, 20, 8,
                    StatsReader.statsCheck());
            assertEquals(20, wrongCheck.errors());
        }
    }

    @Test
    void aServerThatCannotBeReachedGivesErrorsNotAFailedRun() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (HttpLoad load = new HttpLoad(2)) {
            HttpLoad.Result result = load.run("refused",
                    List.of(KeepAliveClient.get(URI.create("http://127.0.0.1:" + port + "/health/live"))),
                    LONG_ENOUGH, 10, 9);
            assertEquals(10, result.requests());
            assertEquals(10, result.errors());
        }
    }

    @Test
    void theReaderGivesTheActivityCountOrNothing() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()
                .answer(STATS + "m-1", 200, stats("m-1", 42))
                .answer(STATS + "m-9", 404, "{\"error\":\"no such mentor\"}");
             StatsReader reader = new StatsReader(server.uri("/"), "token")) {
            for (int i = 0; i < 20; i++) {
                assertEquals(OptionalLong.of(42), reader.activityCount("m-1"));
                assertEquals(OptionalLong.empty(), reader.activityCount("m-9"));
            }
            assertEquals(1, server.connections(), "one keep-alive connection for this thread");
        }
    }

    /** A stats body as the gateway writes it, cut down to what the checks read. */
    private static String stats(String mentorId, long activityCount) {
        return "{\"peer_mentor_id\":\"" + mentorId + "\",\"activity_count\":" + activityCount + "}";
    }
}

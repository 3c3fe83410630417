package org.peerstats.bench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peerstats.streams.serde.Json;

/**
 * Reads the stats API as a client would: one mentor's {@code activity_count}, and the requests
 * and body checks of the GET load. Each thread that reads gets a {@link KeepAliveClient} of its
 * own (one keep-alive connection); {@link #close()} closes them all.
 */
public final class StatsReader implements AutoCloseable {

    private static final String STATS_PATH = "/api/v1/peer-mentor-stats/";

    private final URI base;
    private final String authorization;
    private final List<KeepAliveClient> clients = new CopyOnWriteArrayList<>();
    private final ThreadLocal<KeepAliveClient> client = ThreadLocal.withInitial(() -> {
        KeepAliveClient opened = new KeepAliveClient(HttpLoad.REQUEST_TIMEOUT);
        clients.add(opened);
        return opened;
    });

    /** @param base e.g. {@code http://127.0.0.1:7070} */
    public StatsReader(URI base, String token) {
        KeepAliveClient.requireLoopback(base);
        this.base = base;
        this.authorization = "Bearer " + token;
    }

    /** The {@code Authorization} header value this reader sends. */
    public String authorization() {
        return authorization;
    }

    public KeepAliveClient.Request statsRequest(String mentorId) {
        return KeepAliveClient.get(base.resolve(STATS_PATH + mentorId), "Authorization", authorization);
    }

    /** The trivial endpoint, {@code GET /health/live} (public: no token). */
    public KeepAliveClient.Request liveRequest() {
        return KeepAliveClient.get(base.resolve("/health/live"));
    }

    /** Accepts a stats body only if it is JSON about the mentor the request named, with an activity count. */
    public static HttpLoad.ResponseCheck statsCheck() {
        return (request, body, length) -> {
            JsonNode json = parse(body, length);
            String path = request.uri().getPath();
            return json != null && path.startsWith(STATS_PATH)
                    && json.path("peer_mentor_id").asText().equals(path.substring(STATS_PATH.length()))
                    && json.path("activity_count").isIntegralNumber();
        };
    }

    /** Accepts a {@code /health/live} body only if it says the service is up. */
    public static HttpLoad.ResponseCheck liveCheck() {
        return (request, body, length) -> {
            JsonNode json = parse(body, length);
            return json != null && "up".equals(json.path("status").asText());
        };
    }

    /** The mentor's activity count, or empty when the API answers anything but 200 or the connection fails. */
    public OptionalLong activityCount(String mentorId) {
        KeepAliveClient mine = client.get();
        try {
            if (mine.send(statsRequest(mentorId)) != 200) {
                return OptionalLong.empty();
            }
            JsonNode body = Json.mapper().readTree(mine.body(), 0, mine.bodyLength());
            return OptionalLong.of(body.path("activity_count").asLong());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static JsonNode parse(byte[] body, int length) {
        try {
            return Json.mapper().readTree(body, 0, length);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        clients.forEach(KeepAliveClient::close);
    }
}

package org.peerstats.bench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.peerstats.streams.serde.Json;

/** Reads one mentor's {@code activity_count} through the REST API, as a client would. */
public final class StatsReader {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    /** @param base e.g. {@code http://127.0.0.1:7070} */
    public StatsReader(URI base, String token) {
        HttpLoad.requireLoopback(base);
        this.base = base;
        this.authorization = "Bearer " + token;
    }

    public URI statsUri(String mentorId) {
        return base.resolve("/api/v1/peer-mentor-stats/" + mentorId);
    }

    public HttpRequest statsRequest(String mentorId) {
        return HttpLoad.get(statsUri(mentorId), "Authorization", authorization);
    }

    /** The mentor's activity count, or empty when the API answers anything but 200. */
    public OptionalLong activityCount(String mentorId) {
        try {
            HttpResponse<byte[]> response = client.send(statsRequest(mentorId), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return OptionalLong.empty();
            }
            JsonNode body = Json.mapper().readTree(response.body());
            return OptionalLong.of(body.path("activity_count").asLong());
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package org.peerstats.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerstats.streams.serde.Json;

/**
 * Asks every instance for every mentor's earned-badge lists, as a coordinator's dashboard would,
 * and compares their exact totals with the reference: with revoked badges, one entry per award;
 * held only, the awards not revoked since. The lists come from global stores, which each instance
 * rebuilds from the earned-badges topic after a crash by replaying it from the offset its store
 * last committed, so this is what checks that a replay neither loses an award nor lists one twice.
 *
 * <p>The global stores follow the topic a little behind the tasks that write it: it asks again
 * until the lists agree or {@code patience} has passed.
 */
final class BadgeListCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BadgeListCheck() {
    }

    /** Every (instance, mentor, list) whose total differs from the reference, described; empty when all agree. */
    static List<String> differences(List<Integer> ports, String adminToken, List<MentorReference> mentors,
                                    Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<String> differences = sweep(ports, adminToken, mentors);
            if (differences.isEmpty() || System.nanoTime() > deadline) {
                return differences;
            }
            Thread.sleep(500);
        }
    }

    private static List<String> sweep(List<Integer> ports, String adminToken, List<MentorReference> mentors)
            throws InterruptedException {
        List<String> differences = new ArrayList<>();
        for (MentorReference mentor : mentors) {
            long awarded = 0;
            long revoked = 0;
            for (List<String> transitions : mentor.transitions().values()) {
                awarded += transitions.stream().filter("badge_awarded"::equals).count();
                revoked += transitions.stream().filter("badge_revoked"::equals).count();
            }
            for (int port : ports) {
                compare(port, adminToken, mentor, "&include_revoked=true", awarded, differences);
                compare(port, adminToken, mentor, "", awarded - revoked, differences);
            }
        }
        return differences;
    }

    private static void compare(int port, String adminToken, MentorReference mentor, String filter, long expected,
                                List<String> differences) throws InterruptedException {
        String path = "/api/v1/earned-badges?peer_mentor_id=" + mentor.mentorId + filter + "&limit=1";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + adminToken).GET().build();
        String seen;
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode total = response.statusCode() == 200
                    ? Json.mapper().readTree(response.body()).path("pagination").path("total") : null;
            seen = total != null && total.isIntegralNumber() ? String.valueOf(total.asLong())
                    : "HTTP " + response.statusCode() + " " + response.body();
        } catch (IOException e) {
            seen = e.toString();
        }
        if (!seen.equals(String.valueOf(expected))) {
            differences.add(mentor.mentorId + " on :" + port + ": GET " + path + " total " + seen + ", reference "
                    + expected);
        }
    }
}

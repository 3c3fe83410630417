package org.peerstats.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstats.streams.serde.Json;

/**
 * Asks every instance for every organisation's all-time totals and compares them with the sums
 * of the reference's mentors: activities, sessions, minutes, active mentors and badges held. The
 * totals are built from deltas buffered per task and summed in another (docs/architecture.md,
 * "Organisation totals"), so this is what checks that a crash neither loses a buffered delta nor
 * adds one twice.
 *
 * <p>The totals follow the mentors by the buffer's interval: it asks again until they agree or
 * {@code patience} has passed.
 */
final class OrganisationTotalsCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OrganisationTotalsCheck() {
    }

    /** Every (instance, organisation, figure) that differs from the reference, described; empty when all agree. */
    static List<String> differences(List<Integer> ports, String token, List<MentorReference> mentors,
                                    Duration patience) throws InterruptedException {
        Map<String, Map<String, Long>> expected = expected(mentors);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<String> differences = new ArrayList<>();
            for (int port : ports) {
                expected.forEach((organisation, figures) -> compare(port, token, organisation, figures, differences));
            }
            if (differences.isEmpty() || System.nanoTime() > deadline) {
                return differences;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Map<String, Long>> expected(List<MentorReference> mentors) {
        Map<String, Map<String, Long>> byOrganisation = new LinkedHashMap<>();
        for (MentorReference mentor : mentors) {
            MentorReference.Expected stats = mentor.expected();
            Map<String, Long> sums = byOrganisation.computeIfAbsent(mentor.organisationId, org -> new LinkedHashMap<>());
            sums.merge("activities", stats.activityCount(), Long::sum);
            sums.merge("sessions", stats.sessionCount(), Long::sum);
            sums.merge("total_minutes", mentor.minutes(), Long::sum);
            sums.merge("active_mentors", stats.activityCount() > 0 ? 1L : 0L, Long::sum);
            sums.merge("badges_awarded", (long) mentor.heldBadges(), Long::sum);
        }
        return byOrganisation;
    }

    private static void compare(int port, String token, String organisation, Map<String, Long> expected,
                                List<String> differences) {
        String path = "/api/v1/organisation-stats/" + organisation;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                differences.add(organisation + " on :" + port + ": HTTP " + response.statusCode() + " " + response.body());
                return;
            }
            JsonNode allTime = Json.mapper().readTree(response.body()).path("periods").path("all_time");
            expected.forEach((field, value) -> {
                if (allTime.path(field).asLong(-1) != value) {
                    differences.add(organisation + " on :" + port + ": all_time " + field + " "
                            + allTime.path(field) + ", reference " + value);
                }
            });
        } catch (IOException e) {
            differences.add(organisation + " on :" + port + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            differences.add(organisation + " on :" + port + ": interrupted");
        }
    }
}

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerstats.streams.serde.Json;

/**
 * Asks every instance, over REST with a system token as any client would, for every mentor's
 * stats, and compares the numbers with the reference.
 *
 * <p>"Fresh" for a mentor on an instance: the answer is 200 and its numbers equal the reference
 * at the mark taken when the wait began, or at any event acknowledged since (the producer keeps
 * sending). {@link #awaitFresh} returns when, after every (instance, mentor) was seen fresh, one
 * more sweep over all of them finds every one still fresh; a mentor that fell back (a store that
 * moved during the rebalance) is waited for again.
 */
final class FreshnessProbe {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FreshnessProbe.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String authorization;
    private final List<MentorReference> mentors;

    FreshnessProbe(String token, List<MentorReference> mentors) {
        this.authorization = "Bearer " + token;
        this.mentors = mentors;
    }

    /** How a wait ended: fresh after {@code seconds}, or not, with what was still stale. */
    record Outcome(boolean fresh, double seconds, int requests, List<String> stale) {
    }

    Outcome awaitFresh(List<Integer> ports, Map<MentorReference, Integer> marks, long startedNanos, Duration patience)
            throws InterruptedException {
        long deadline = startedNanos + patience.toNanos();
        Set<Probe> pending = new LinkedHashSet<>();
        for (int port : ports) {
            for (MentorReference mentor : mentors) {
                pending.add(new Probe(port, mentor));
            }
        }
        Set<Probe> all = Set.copyOf(pending);
        Map<Probe, String> lastSeen = new LinkedHashMap<>();
        int requests = 0;
        long nextProgress = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            for (Probe probe : new ArrayList<>(pending)) {
                requests++;
                Answer answer = ask(probe.port, probe.mentor.mentorId);
                if (fresh(probe.mentor, marks.get(probe.mentor), answer)) {
                    pending.remove(probe);
                } else {
                    lastSeen.put(probe, answer.describe());
                }
            }
            if (pending.isEmpty()) {
                double seconds = (System.nanoTime() - startedNanos) / 1e9;
                for (Probe probe : all) { // the confirming sweep
                    requests++;
                    Answer answer = ask(probe.port, probe.mentor.mentorId);
                    if (!fresh(probe.mentor, marks.get(probe.mentor), answer)) {
                        pending.add(probe);
                        lastSeen.put(probe, answer.describe());
                    }
                }
                if (pending.isEmpty()) {
                    return new Outcome(true, seconds, requests, List.of());
                }
            }
            if (System.nanoTime() > nextProgress) {
                nextProgress += Duration.ofSeconds(30).toNanos();
                Probe sample = pending.iterator().next();
                LOG.info("waiting for {} of {} (instance, mentor) pairs to be fresh, {} s so far; e.g. {} on :{}: {}; "
                                + "reference now {}", pending.size(), all.size(),
                        (System.nanoTime() - startedNanos) / 1_000_000_000, sample.mentor.mentorId, sample.port,
                        lastSeen.get(sample), sample.mentor.expected());
            }
            if (System.nanoTime() > deadline) {
                List<String> stale = new ArrayList<>();
                for (Probe probe : pending) {
                    stale.add(probe.mentor.mentorId + " on :" + probe.port + ": " + lastSeen.get(probe)
                            + "; reference now " + probe.mentor.expected());
                }
                return new Outcome(false, (System.nanoTime() - startedNanos) / 1e9, requests, stale);
            }
            Thread.sleep(100);
        }
    }

    /** A mentor with no acknowledged event yet is unknown to the service: 404 is its fresh answer. */
    private static boolean fresh(MentorReference mentor, int mark, Answer answer) {
        if (answer.numbers == null) {
            return answer.status == 404 && mentor.acknowledgedCount() == 0;
        }
        return mentor.freshSince(mark, answer.numbers);
    }

    /** One instance's answer for one mentor: the numbers, or what came instead. */
    record Answer(MentorReference.Expected numbers, int status, String body) {
        String describe() {
            return numbers != null ? numbers.toString() : "HTTP " + status + " " + body;
        }
    }

    Answer ask(int port, String mentorId) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/peer-mentor-stats/" + mentorId))
                .timeout(Duration.ofSeconds(5)).header("Authorization", authorization).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Answer(null, response.statusCode(), abbreviate(response.body()));
            }
            JsonNode json = Json.mapper().readTree(response.body());
            return new Answer(new MentorReference.Expected(json.path("activity_count").asLong(-1),
                    json.path("session_count").asLong(-1), json.path("unique_mentees_count").asLong(-1),
                    hundredths(json.path("total_hours_mentored"))),
                    200, null);
        } catch (IOException e) {
            return new Answer(null, 0, e.getClass().getSimpleName());
        }
    }

    private static long hundredths(JsonNode hours) {
        return hours.isNumber() ? hours.decimalValue().movePointRight(2).setScale(0, java.math.RoundingMode.UNNECESSARY)
                .longValueExact() : -1;
    }

    /**
     * Every (instance, mentor) whose {@code longest_streak_days} on {@code /streak} differs from
     * the reference's, described.
     */
    List<String> streakDifferences(List<Integer> ports) throws InterruptedException {
        List<String> differences = new ArrayList<>();
        for (int port : ports) {
            for (MentorReference mentor : mentors) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/v1/peer-mentor-stats/" + mentor.mentorId + "/streak"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", authorization).GET().build();
                String seen;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    seen = response.statusCode() == 200
                            ? String.valueOf(Json.mapper().readTree(response.body()).path("longest_streak_days").asLong(-1))
                            : "HTTP " + response.statusCode() + " " + abbreviate(response.body());
                } catch (IOException e) {
                    seen = e.toString();
                }
                if (!seen.equals(String.valueOf(mentor.longestStreak()))) {
                    differences.add(mentor.mentorId + " on :" + port + ": longest_streak_days " + seen
                            + ", reference " + mentor.longestStreak());
                }
            }
        }
        return differences;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 160 ? body : body.substring(0, 160) + "...";
    }

    private record Probe(int port, MentorReference mentor) {
    }
}

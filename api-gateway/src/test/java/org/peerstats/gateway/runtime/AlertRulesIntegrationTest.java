package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;

/**
 * The alert rules of docs/operations.md ("Alerts") name series a running instance exposes: every
 * metric in an expression is on {@code /metrics}, every label it groups by or matches is on that
 * metric's series, and a regular-expression matcher matches one of them. An alert on a metric
 * that does not exist never fires, and nothing says so. Also: the answers counted by status and
 * route template.
 */
class AlertRulesIntegrationTest {

    private static final Path DOC = Path.of("..", "docs", "operations.md");
    private static final Pattern METRIC = Pattern.compile("\\b((?:peerstats|kafka)_[a-z_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|=)\\s*\"([^\"]*)\"");
    private static final Pattern BY = Pattern.compile("by \\(([a-z_, ]+)\\)");

    @TempDir
    Path dir;

    @Test
    void everySeriesTheRulesNameIsExposedAndTheAnswersAreCounted() throws Exception {
        try (ServiceHarness service = ServiceHarness.onOwnBroker(dir, "peerstats-alerts", Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, service.get("/health/live", null).status());
            }
            assertEquals(401, service.get("/api/v1/peer-mentor-stats/pm-alert-1", null).status());
            assertEquals(404, service.get("/no/such/endpoint", null).status());
            // a dead letter, so that its counter exists
            service.sendRaw(service.topics.activities().name(), "pm-alert-1",
                    "not json".getBytes(StandardCharsets.UTF_8), service.clock.instant());
            String metrics = service.awaitGet("/metrics", null,
                    r -> r.body().contains("peerstats_dead_letters_total{")).body();

            List<String> expressions = expressions();
            assertTrue(expressions.size() >= 6, "alert expressions: " + expressions);
            for (String expression : expressions) {
                checkExpression(expression, metrics);
            }
            assertEquals(3.0, value(metrics, "peerstats_http_responses_total",
                    "method=\"GET\"", "route=\"/health/live\"", "status=\"200\""));
            assertEquals(1.0, value(metrics, "peerstats_http_responses_total",
                    "route=\"/api/v1/peer-mentor-stats/{peer_mentor_id}\"", "status=\"401\""));
            assertEquals(1.0, value(metrics, "peerstats_http_responses_total", "route=\"unmatched\"",
                    "status=\"404\""));
        }
    }

    private static void checkExpression(String expression, String metrics) {
        Matcher metric = METRIC.matcher(expression);
        Set<String> names = new LinkedHashSet<>();
        while (metric.find()) {
            String name = metric.group(1);
            names.add(name);
            List<String> series = series(metrics, name);
            assertFalse(series.isEmpty(), name + " (in " + expression + ") is not on /metrics");
            if (metric.group(3) != null) {
                Matcher matcher = MATCHER.matcher(metric.group(3));
                while (matcher.find()) {
                    String label = matcher.group(1);
                    Pattern value = Pattern.compile(matcher.group(2).equals("=~") ? matcher.group(3)
                            : Pattern.quote(matcher.group(3)));
                    assertTrue(series.stream().anyMatch(s -> s.contains(label + "=\"")),
                            name + " has no label " + label + ": " + series);
                    if (matcher.group(2).equals("=~")) {
                        assertTrue(series.stream().anyMatch(s -> labelValue(s, label).filter(
                                v -> value.matcher(v).matches()).isPresent()),
                                label + "=~\"" + matcher.group(3) + "\" matches no series of " + name + ": " + series);
                    }
                }
            }
        }
        Matcher by = BY.matcher(expression);
        while (by.find()) {
            for (String label : by.group(1).split(",\\s*")) {
                if (!label.equals("instance")) { // added by Prometheus at scrape
                    assertTrue(names.stream().allMatch(name -> series(metrics, name).stream()
                            .anyMatch(s -> s.contains(label + "=\""))), "no label " + label + " for " + expression);
                }
            }
        }
    }

    private static java.util.Optional<String> labelValue(String series, String label) {
        Matcher m = Pattern.compile(label + "=\"([^\"]*)\"").matcher(series);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static List<String> series(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
    }

    private static double value(String metrics, String name, String... labels) {
        List<String> matching = series(metrics, name).stream()
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains)).toList();
        assertEquals(1, matching.size(), name + " " + List.of(labels) + ": " + series(metrics, name));
        String line = matching.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static List<String> expressions() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf("<!-- alerts:begin -->");
        int end = doc.indexOf("<!-- alerts:end -->");
        assertTrue(begin >= 0 && end > begin, "no alerts markers in " + DOC);
        List<String> expressions = new ArrayList<>();
        doc.substring(begin, end).lines().map(String::strip).filter(line -> line.startsWith("expr:"))
                .forEach(line -> expressions.add(line.substring("expr:".length()).strip()));
        return expressions;
    }
}

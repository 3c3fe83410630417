package org.peerstats.gateway.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the answers this instance gives, by status and route: {@code peerstats_http_responses_total}.
 * What an operator alerts on is the share of 503s (a store moving, an owner unreachable, Kafka not
 * confirming a command) and of 5xx in general; the route is the endpoint's path template
 * ({@code /api/v1/peer-mentor-stats/{peer_mentor_id}}), never the path a client sent, so the
 * number of series stays that of the routes, and a path no route matched is {@value #UNMATCHED}.
 * A forwarded request is counted on both instances it passes, each with the status it answered.
 */
public final class ResponseMetrics {

    static final String NAME = "peerstats.http.responses";
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;
    /**
     * The counters by their tags, so that a request costs one map lookup, not a meter id built,
     * its tags sorted and the registry searched (this runs for every request).
     */
    private final Map<Series, Counter> counters = new ConcurrentHashMap<>();

    public ResponseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Series(int status, HandlerType method, String route) {
    }

    /** An after-handler: runs once the answer, an error's included, is decided. */
    public void record(Context ctx) {
        counters.computeIfAbsent(new Series(ctx.statusCode(), ctx.method(), route(ctx)), this::register).increment();
    }

    private Counter register(Series series) {
        return Counter.builder(NAME)
                .description("HTTP answers by status code and route (path template)")
                .tag("status", String.valueOf(series.status()))
                .tag("method", series.method().name())
                .tag("route", series.route())
                .register(registry);
    }

    private static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? UNMATCHED : matched.path;
    }
}

package org.peerstats.gateway.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.peerstats.gateway.health.StreamsHealth;

/** Health, metrics and the API description: the operators' endpoints, all public. */
public final class OperationsController {

    private final StreamsHealth health;
    private final PrometheusMeterRegistry registry;
    private final byte[] openApi;

    public OperationsController(StreamsHealth health, PrometheusMeterRegistry registry) {
        this.health = health;
        this.registry = registry;
        this.openApi = readResource("/openapi.json");
    }

    /** The process is up and serving HTTP. */
    public void live(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    /**
     * Ready to serve: started (the stores restored once), not stopping or stopped, no stream thread
     * dead — and still ready while a rebalance runs ({@link StreamsHealth}).
     */
    public void ready(Context ctx) {
        Optional<String> problem = health.problem();
        if (problem.isPresent()) {
            throw new ServiceUnavailableException("not ready: " + problem.get(), Duration.ofSeconds(2));
        }
        ctx.json(Map.of("status", "ready", "streams_state", health.state().name()));
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    private static byte[] readResource(String name) {
        try (InputStream in = OperationsController.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

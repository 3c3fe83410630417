package org.peerstats.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Visibility;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.RequestParams;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.streams.serde.Json;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * {@code GET /api/v1/live/organisations/:organisation_id}: a Server-Sent-Events stream of what
 * changes for one organisation — {@code stats}, {@code badge_awarded}, {@code badge_revoked},
 * {@code organisation_stats} — after a first {@code ready}. Authorised as the REST API is, by the
 * {@code Authorization} header: a page reads it with {@code fetch}, not {@code EventSource}, so
 * the token never goes in a URL. The checks run before the stream opens, so a refusal is an
 * ordinary JSON error.
 *
 * <p>A stream lasts at most {@link #MAX_LIFETIME}, then ends with {@code end} {@code
 * stream_lifetime}: the client reconnects, and its token is checked again (an expired or revoked
 * one is refused then). A comment every {@link #HEARTBEAT} keeps quiet streams open.
 */
public final class LiveController implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** Open streams per instance; past it, 503. */
    static final int MAX_STREAMS = 500;
    private static final int WRITERS = 4;

    private final LiveFeed feed;
    private final OrganisationZones zones;
    private final Clock clock;
    private final Duration lifetime;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, daemon("peerstats-live-writer"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            daemon("peerstats-live-timer"));
    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();

    public LiveController(LiveFeed feed, OrganisationZones zones, Clock clock) {
        this(feed, zones, clock, MAX_LIFETIME);
    }

    LiveController(LiveFeed feed, OrganisationZones zones, Clock clock, Duration lifetime) {
        this.feed = feed;
        this.zones = zones;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public void open(Context ctx) throws Exception {
        String organisationId = RequestParams.pathId(ctx, "organisation_id");
        Principal caller = AccessControl.principal(ctx);
        if (!Visibility.canSeeOrganisation(caller, organisationId)) {
            throw ApiException.forbidden("you may not watch organisation '" + organisationId + "'");
        }
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "not_acceptable", "this endpoint streams text/event-stream; "
                    + "send Accept: text/event-stream");
        }
        if (open.size() >= MAX_STREAMS) {
            throw new ServiceUnavailableException("this instance has " + MAX_STREAMS
                    + " live streams open; try another instance or later", Duration.ofSeconds(5));
        }
        new SseHandler(0, client -> attach(client, organisationId)).handle(ctx);
    }

    /** The streams open now. */
    public int openStreams() {
        return open.size();
    }

    private void attach(SseClient client, String organisationId) {
        LiveStream stream = new LiveStream(client, writers);
        open.add(stream);
        AutoCloseable subscription = feed.subscribe(organisationId, stream::offer);
        ScheduledFuture<?> heartbeat = timers.scheduleAtFixedRate(() -> stream.offer(LiveStream.HEARTBEAT),
                HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> expiry = timers.schedule(() -> stream.end("stream_lifetime"),
                lifetime.toMillis(), TimeUnit.MILLISECONDS);
        client.onClose(() -> {
            heartbeat.cancel(false);
            expiry.cancel(false);
            open.remove(stream);
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client.keepAlive();
        // after subscribing: whatever a page loads once it has "ready" misses nothing that follows
        stream.offer(new LiveEvent(organisationId, "ready", ready(organisationId)));
    }

    private String ready(String organisationId) {
        try {
            return Json.mapper().writeValueAsString(Map.of("organisation_id", organisationId,
                    "time_zone", zones.zoneOf(organisationId).getId(), "as_of", clock.instant().toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends every stream ({@code end} {@code shutdown}) and stops the writers. */
    @Override
    public void close() {
        open.forEach(stream -> stream.end("shutdown"));
        timers.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

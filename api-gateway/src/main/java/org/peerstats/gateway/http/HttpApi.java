package org.peerstats.gateway.http;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.live.LiveController;
import org.peerstats.gateway.organisations.OrganisationStatsController;
import org.peerstats.gateway.query.MentorRouter;
import org.peerstats.gateway.detail.MentorDetailController;
import org.peerstats.gateway.badges.BadgeController;
import org.peerstats.gateway.stats.StatsController;
import org.peerstats.streams.serde.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the REST API in one place, with the roles that may call it, the one access
 * check and the one mapping of failures to the JSON error shape. Routes about one mentor go
 * through {@link MentorRouter}, which answers them on the instance that hosts the mentor. A failure never shows a stack
 * trace: unexpected ones are logged here and answered 500 with a generic message.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private static final Role[] STATS_READERS = {Role.ADMIN, Role.COORDINATOR, Role.PEER_MENTOR, Role.SYSTEM};
    private static final Role[] DETAIL_USERS = {Role.ADMIN, Role.COORDINATOR, Role.PEER_MENTOR, Role.SYSTEM};
    private static final Role[] DASHBOARD_READERS = {Role.ADMIN, Role.COORDINATOR, Role.SYSTEM};
    private static final Role[] PUBLIC = {};
    private static final Role[] BADGE_READERS = {Role.ADMIN, Role.COORDINATOR, Role.PEER_MENTOR};
    private static final Role[] BADGE_CHECKERS = {Role.ADMIN, Role.COORDINATOR, Role.PEER_MENTOR, Role.SYSTEM};
    private static final Role[] BADGE_WRITERS = {Role.ADMIN, Role.SYSTEM};
    private static final int RESULT_COPY_BUFFER_BYTES = 4096;
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; object-src 'none'; "
                    + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-cache");

    /** The largest request body taken. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The largest refused body read to its end before the 413 (see {@link #refuseLargeBodies}). */
    static final long MAX_DRAINED_BYTES = 1 << 20;

    private HttpApi() {
    }

    public static Javalin create(AccessControl access, CommandRateLimit commandLimit, MentorRouter router,
                                 OperationsController operations, ResponseMetrics responses,
                                 StatsController stats, BadgeController badges, MentorDetailController detail,
                                 MentorRouter organisationRouter, OrganisationStatsController organisations,
                                 LiveController live) {
        Function<Context, String> mentorInPath = ctx -> RequestParams.pathId(ctx, "peer_mentor_id");
        // Token by default; with PEERSTATS_MENTOR_DETAIL_PUBLIC the one mentor's detail is readable without
        // one. The list (every mentor of an organisation) and the writes always need a token.
        Role[] detailReaders = detail.isPublic() ? PUBLIC : DETAIL_USERS;
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.startup.showJavalinBanner = false;
            // Javalin copies every result to the response through a buffer of this size, allocated per
            // request; left unset it is Jetty's 32 KiB output buffer, zeroed for answers of a few
            // hundred bytes (6.5% of the request threads' CPU samples in a profile of GET stats).
            // Larger answers (metrics, the API description) are copied in more pieces into Jetty's
            // own buffer, which still sends them in pieces of its own size.
            config.http.responseBufferSize = RESULT_COPY_BUFFER_BYTES;
            // We keep no HTTP sessions, but Jetty's session handler, which Javalin always installs,
            // parses the Cookie header of every request looking for one.
            config.jetty.modifyServletContextHandler(handler -> handler.getSessionHandler().setUsingCookies(false));
            // refused by Jetty before Javalin runs (431, 414, 400): the same JSON error shape
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            // The coordinator page (src/main/resources/web): plain files, no templating. Its script and
            // styles come from this origin only, and nothing it loads is told where it came from: the
            // sign-in token travels in the URL fragment, which browsers never send, and the page removes it.
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = PAGE_HEADERS;
            });
            config.routes.before(HttpApi::refuseLargeBodies);
            config.routes.beforeMatched(access::check);
            config.routes.beforeMatched(commandLimit::check);
            config.routes.after(responses::record);
            config.routes.apiBuilder(() -> {
                path("/health", () -> {
                    get("/live", operations::live);
                    get("/ready", operations::ready);
                });
                get("/metrics", operations::metrics);
                get("/openapi.json", operations::openApi);
                path("/api/v1/peer-mentor-stats/{peer_mentor_id}", () -> {
                    get(router.route(mentorInPath, stats::stats), STATS_READERS);
                    get("/activity-count", router.route(mentorInPath, stats::activityCount), STATS_READERS);
                    get("/activity-series", router.route(mentorInPath, stats::activitySeries), STATS_READERS);
                    get("/streak", router.route(mentorInPath, stats::streak), STATS_READERS);
                    get("/training-completions", router.route(mentorInPath, stats::trainingCompletions),
                            STATS_READERS);
                });
                get("/api/v1/organisation-stats/{organisation_id}", organisationRouter.route(
                        OrganisationStatsController::organisationInPath, organisations::totals), DASHBOARD_READERS);
                // a stream, answered by every instance from its own feed: never forwarded
                get("/api/v1/live/organisations/{organisation_id}", live::open, DASHBOARD_READERS);
                path("/api/v1/peer-mentor-bloc", () -> {
                    get(detail::list, DASHBOARD_READERS);
                    post(detail::load, DETAIL_USERS);
                    path("/{mentor_id}", () -> {
                        get(detail::detail, detailReaders);
                        put(detail::refresh, DETAIL_USERS);
                        delete(detail::clear, DETAIL_USERS);
                    });
                });
                path("/api/v1/earned-badges", () -> {
                    get(badges::list, BADGE_READERS);
                    post(router.route(badges::mentorOfAward, badges::award), BADGE_WRITERS);
                    // before /{id}, which would otherwise take "check" for an id
                    get("/check", router.route(badges::mentorOfCheck, badges::check), BADGE_CHECKERS);
                    get("/{id}", badges::get, BADGE_READERS);
                    delete("/{id}", router.route(badges::mentorOfBadge, badges::revoke), BADGE_WRITERS);
                });
            });
            config.routes.exception(RetryLaterException.class, (e, ctx) -> {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                respond(ctx, e);
            });
            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 401) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                respond(ctx, e);
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                respond(ctx, new ApiException(500, "internal", "internal error; it has been logged"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    respond(ctx, ApiException.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> respond(ctx, new ApiException(405, "method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    /**
     * 413 for a body over {@link #MAX_BODY_BYTES} by its {@code Content-Length}, before any route
     * parses it. The largest body a route takes, an award with a note of 2,000 characters, is under
     * 10 KB in UTF-8. A body up to {@link #MAX_DRAINED_BYTES} is read and dropped first: a server
     * that answers and closes with the body still unread makes the kernel reset the connection,
     * and a client still sending then often loses the answer ("no bytes" instead of a 413). A
     * larger one is refused unread (the reset is then the lesser cost).
     */
    private static void refuseLargeBodies(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BODY_BYTES) {
            if (length <= MAX_DRAINED_BYTES) {
                drain(ctx);
            }
            throw new ApiException(413, "payload_too_large", "the body is " + length + " bytes; the limit is "
                    + MAX_BODY_BYTES);
        }
    }

    private static void drain(Context ctx) {
        try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            LOG.debug("the body of a refused request could not be read to its end", e);
        }
    }

    private static void respond(Context ctx, ApiException e) {
        ctx.status(e.status()).json(ErrorBody.of(e.status(), e.code(), e.getMessage()));
    }
}

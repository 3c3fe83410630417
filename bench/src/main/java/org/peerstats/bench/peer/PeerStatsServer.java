package org.peerstats.bench.peer;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.peerstats.bench.peer.PeerStatsQuery.PeerStats;
import org.peerstats.gateway.auth.CachingTokenVerifier;
import org.peerstats.gateway.auth.JwtTokenVerifier;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.gateway.auth.Visibility;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.ErrorBody;
import org.peerstats.gateway.peer.ForwardedRequestVerifier;
import org.peerstats.gateway.peer.PeerKey;
import org.peerstats.gateway.peer.PeerSignature;
import org.peerstats.streams.serde.Json;

/**
 * The peer's HTTP side: {@code GET /peer/api/v1/peer-mentor-stats/:id}, answered by
 * {@link PeerStatsQuery} on a connection from a HikariCP pool, with peerstats' own access check
 * ({@link AccessControl} over the same JWT verifier and token cache, the same roles) and its
 * visibility rule (a mentor the caller may not see is 404, as an unknown one), JSON by the
 * project's Jackson mapper, on Javalin set up as the gateway is (4 KiB result buffer, no session
 * cookies). "Now" comes from the injected clock.
 */
public final class PeerStatsServer implements AutoCloseable {

    public static final String PATH = "/peer/api/v1/peer-mentor-stats/";
    private static final Role[] STATS_READERS = {Role.ADMIN, Role.COORDINATOR, Role.PEER_MENTOR, Role.SYSTEM};
    private static final int RESULT_COPY_BUFFER_BYTES = 4096;

    private final HikariDataSource pool;
    private final Javalin app;
    private final PeerStatsQuery query;
    private final Clock clock;

    /**
     * @param poolSize how many connections the pool keeps (the requests beyond wait for one)
     */
    public PeerStatsServer(PostgresServer database, int poolSize, PeerStatsQuery query, byte[] jwtSecret,
                           TokenRules tokenRules, int tokenCacheSize, Clock clock) {
        this.query = query;
        this.clock = clock;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setPoolName("peer-stats");
        config.setReadOnly(true);
        this.pool = new HikariDataSource(config);
        JwtTokenVerifier jwt = JwtTokenVerifier.hs256(jwtSecret, tokenRules, clock);
        // The peer never forwards, so no request can carry a valid peer signature: a key of its own.
        PeerKey unused = PeerKey.configured(HexFormat.of().formatHex(new SecureRandom().generateSeed(32)));
        AccessControl access = new AccessControl(CachingTokenVerifier.around(jwt, tokenCacheSize, clock),
                new ForwardedRequestVerifier(new PeerSignature(unused), Duration.ofSeconds(30), clock), "127.0.0.1:0");
        this.app = Javalin.create(javalin -> {
            javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
            javalin.startup.showJavalinBanner = false;
            javalin.http.responseBufferSize = RESULT_COPY_BUFFER_BYTES;
            javalin.jetty.modifyServletContextHandler(handler -> handler.getSessionHandler().setUsingCookies(false));
            javalin.routes.beforeMatched(access::check);
            javalin.routes.apiBuilder(() -> get(PATH + "{peer_mentor_id}", this::stats, STATS_READERS));
            javalin.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 401) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                ctx.status(e.status()).json(ErrorBody.of(e.status(), e.code(), e.getMessage()));
            });
            javalin.routes.exception(Exception.class, (e, ctx) -> ctx.status(500)
                    .json(ErrorBody.of(500, "internal", "internal error: " + e.getClass().getSimpleName())));
        });
    }

    /** Starts on a free loopback port. */
    public PeerStatsServer start() {
        app.start("127.0.0.1", 0);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void stats(Context ctx) throws SQLException {
        Principal caller = AccessControl.principal(ctx);
        String mentorId = ctx.pathParam("peer_mentor_id");
        Optional<PeerStats> found = Visibility.mentor(caller, mentorId, id -> read(id), PeerStats::organisationId);
        ctx.json(found.orElseThrow(() -> ApiException.notFound("no peer mentor '" + mentorId + "'")));
    }

    private Optional<PeerStats> read(String mentorId) {
        try (Connection connection = pool.getConnection()) {
            return query.stats(connection, mentorId, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("the stats query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        app.stop();
        pool.close();
    }
}

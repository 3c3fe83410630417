package org.peerstats.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.peerstats.gateway.auth.Principal;

/**
 * At most {@code perMinute} commands (POST, PUT, DELETE) per caller and minute on this instance,
 * with bursts of up to that many: a token bucket per principal (role, organisation and subject),
 * refilled at {@code perMinute} / 60 a second. Every command is a record on a command topic and a
 * wait for the topology, so one caller looping on a write would cost every other caller. Past the
 * limit: 429 with {@code Retry-After}, the seconds until the next command would pass. A forwarded
 * command is counted on each instance it passes, as each has buckets of its own. Reads are not
 * limited here. Buckets of callers idle for ten minutes are dropped.
 */
public final class CommandRateLimit {

    private static final Set<HandlerType> COMMANDS = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE);

    private final int perMinute;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    /** @param perMinute commands a caller may send per minute; 0 = no limit */
    public CommandRateLimit(int perMinute, Clock clock) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("the command rate limit must be at least 0, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(10, TimeUnit.MINUTES).maximumSize(100_000).build();
    }

    /** Run after the access check: counts a command of an authenticated caller, or answers 429. */
    public void check(Context ctx) {
        if (perMinute == 0 || !COMMANDS.contains(ctx.method()) || ctx.routeRoles().isEmpty()) {
            return;
        }
        acquire(AccessControl.principal(ctx));
    }

    /** Takes one command from {@code caller}'s bucket. */
    void acquire(Principal caller) {
        String key = caller.role().claim() + '\u0000' + caller.organisationId() + '\u0000' + caller.subject();
        Duration wait = buckets.get(key, k -> new Bucket(perMinute, clock.instant())).take(perMinute, clock.instant());
        if (!wait.isZero()) {
            throw RetryLaterException.tooManyRequests("more than " + perMinute + " commands a minute from your "
                    + "token; the next one passes in " + RetryLaterException.wholeSeconds(wait) + " s", wait);
        }
    }

    /** Commands left, refilled continuously; synchronized per caller. */
    private static final class Bucket {
        private double tokens;
        private Instant refilledAt;

        Bucket(int capacity, Instant now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        /** @return zero when a command was taken, else how long until one could be */
        synchronized Duration take(int perMinute, Instant now) {
            double perNano = perMinute / 60e9;
            long elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos());
            tokens = Math.min(perMinute, tokens + elapsed * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }
    }
}

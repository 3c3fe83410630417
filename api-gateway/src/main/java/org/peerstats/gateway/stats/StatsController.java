package org.peerstats.gateway.stats;

import io.javalin.http.Context;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.query.ReadScope;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.RequestParams;
import org.peerstats.streams.stats.CalendarPeriod;

/** HTTP in and out for {@code /api/v1/peer-mentor-stats}; the answers come from {@link StatsService}. */
public final class StatsController {

    private final StatsService service;

    public StatsController(StatsService service) {
        this.service = service;
    }

    public void stats(Context ctx) {
        ctx.json(service.stats(ReadScope.of(ctx), AccessControl.principal(ctx), mentorId(ctx)));
    }

    /** Without {@code period}: the all-time count of the contract; with it, that period's counts. */
    public void activityCount(Context ctx) {
        var period = RequestParams.choice(ctx, "period", CalendarPeriod.class);
        if (period.isEmpty()) {
            RequestParams.date(ctx, "date").ifPresent(date -> {
                throw ApiException.badRequest("date needs a period (day|week|month|year)");
            });
            ctx.json(service.activityCount(ReadScope.of(ctx), AccessControl.principal(ctx), mentorId(ctx)));
            return;
        }
        ctx.json(service.activityCount(ReadScope.of(ctx), AccessControl.principal(ctx), mentorId(ctx), period.get(),
                RequestParams.date(ctx, "date")));
    }

    public void activitySeries(Context ctx) {
        CalendarPeriod granularity = RequestParams.choice(ctx, "granularity", CalendarPeriod.class)
                .orElse(CalendarPeriod.DAY);
        ctx.json(service.activitySeries(ReadScope.of(ctx), AccessControl.principal(ctx), mentorId(ctx), granularity,
                RequestParams.date(ctx, "from"), RequestParams.date(ctx, "to")));
    }

    public void streak(Context ctx) {
        ctx.json(service.streak(ReadScope.of(ctx), AccessControl.principal(ctx), mentorId(ctx)));
    }

    public void trainingCompletions(Context ctx) {
        ctx.json(service.trainingCompletions(ReadScope.of(ctx), AccessControl.principal(ctx), mentorId(ctx)));
    }

    private static String mentorId(Context ctx) {
        return RequestParams.pathId(ctx, "peer_mentor_id");
    }
}

package org.peerstats.gateway.organisations;

import io.javalin.http.Context;
import java.util.Optional;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.RequestParams;
import org.peerstats.gateway.query.ReadScope;
import org.peerstats.streams.organisations.PeriodKey;
import org.peerstats.streams.stats.CalendarPeriod;

/** {@code GET /api/v1/organisation-stats/:organisation_id[?period=week|month|year&date=YYYY-MM-DD]}. */
public final class OrganisationStatsController {

    private final OrganisationStatsService service;

    public OrganisationStatsController(OrganisationStatsService service) {
        this.service = service;
    }

    public void totals(Context ctx) {
        Optional<CalendarPeriod> period = RequestParams.choice(ctx, "period", CalendarPeriod.class);
        if (period.filter(p -> !PeriodKey.KEPT.contains(p)).isPresent()) {
            throw ApiException.badRequest("period must be week, month or year; an organisation's days are not kept");
        }
        var date = RequestParams.date(ctx, "date");
        if (period.isEmpty() && date.isPresent()) {
            throw ApiException.badRequest("date needs a period (week|month|year)");
        }
        ctx.json(service.totals(ReadScope.of(ctx), AccessControl.principal(ctx), organisationInPath(ctx), period, date));
    }

    public static String organisationInPath(Context ctx) {
        return RequestParams.pathId(ctx, "organisation_id");
    }
}

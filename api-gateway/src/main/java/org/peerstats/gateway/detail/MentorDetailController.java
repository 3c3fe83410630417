package org.peerstats.gateway.detail;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.Bounds;
import org.peerstats.gateway.http.RequestParams;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.serde.Json;

/**
 * HTTP in and out for {@code /api/v1/peer-mentor-bloc}; the answers come from {@link MentorDetailService}.
 * When the detail is public ({@code PEERSTATS_MENTOR_DETAIL_PUBLIC=true}) a GET of one mentor has no
 * caller to check; the list and the writes always have one.
 */
public final class MentorDetailController {

    private static final String MENTOR_ID = "mentor_id";

    private final MentorDetailService service;
    private final boolean publicAccess;

    public MentorDetailController(MentorDetailService service, boolean publicAccess) {
        this.service = service;
        this.publicAccess = publicAccess;
    }

    /** Whether GET of one mentor's detail is registered without roles, so without a token. */
    public boolean isPublic() {
        return publicAccess;
    }

    public void list(Context ctx) {
        ctx.json(service.list(AccessControl.principal(ctx), RequestParams.optionalId(ctx, "organisation_id"),
                RequestParams.optional(ctx, "status", Limits.MAX_STATUS_LENGTH),
                RequestParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE),
                RequestParams.integer(ctx, "limit", 20, 1, 100)));
    }

    public void detail(Context ctx) {
        Optional<Principal> caller = publicAccess ? Optional.empty() : Optional.of(AccessControl.principal(ctx));
        ctx.json(service.detail(caller, RequestParams.pathId(ctx, MENTOR_ID)));
    }

    /** POST {@code {"event": "LoadMentorDetail", "mentor_id": ...}}. */
    public void load(Context ctx) {
        JsonNode body = jsonBody(ctx);
        requireEvent(body, MentorDetailEvent.LOAD, "POST");
        JsonNode mentorId = body.get(MENTOR_ID);
        if (mentorId == null || !mentorId.isTextual() || mentorId.asText().isBlank()) {
            throw ApiException.badRequest("the body needs mentor_id, a string");
        }
        ctx.json(service.load(AccessControl.principal(ctx), Bounds.id(mentorId.asText(), MENTOR_ID)));
    }

    /** PUT {@code {"event": "RefreshMentorDetail"}} on the mentor's path. */
    public void refresh(Context ctx) {
        String mentorId = RequestParams.pathId(ctx, MENTOR_ID);
        JsonNode body = jsonBody(ctx);
        requireEvent(body, MentorDetailEvent.REFRESH, "PUT");
        JsonNode named = body.get(MENTOR_ID);
        if (named != null && !named.isNull() && !mentorId.equals(named.asText())) {
            throw ApiException.badRequest("mentor_id '" + named.asText() + "' in the body is not the path's '"
                    + mentorId + "'");
        }
        ctx.json(service.refresh(AccessControl.principal(ctx), mentorId));
    }

    public void clear(Context ctx) {
        ctx.json(service.clear(AccessControl.principal(ctx), RequestParams.pathId(ctx, MENTOR_ID)));
    }

    private static JsonNode jsonBody(Context ctx) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    private static void requireEvent(JsonNode body, MentorDetailEvent expected, String method) {
        JsonNode event = body.get("event");
        if (event == null || !event.isTextual()) {
            throw ApiException.badRequest("the body needs event, a string: " + expected.wireName());
        }
        MentorDetailEvent named = MentorDetailEvent.fromWireName(event.asText()).orElseThrow(() ->
                ApiException.badRequest("unknown event '" + event.asText() + "'; the events are LoadMentorDetail, "
                        + "RefreshMentorDetail and ClearMentorDetail"));
        if (named != expected) {
            throw ApiException.badRequest(method + " dispatches " + expected.wireName() + ", not " + named.wireName()
                    + " (LoadMentorDetail: POST, RefreshMentorDetail: PUT, ClearMentorDetail: DELETE)");
        }
    }
}

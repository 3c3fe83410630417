package org.peerstats.gateway.badges;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Optional;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.query.ReadScope;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.Bounds;
import org.peerstats.gateway.http.RequestParams;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.serde.Json;

/** HTTP in and out for {@code /api/v1/earned-badges}; the answers come from {@link BadgeService}. */
public final class BadgeController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final BadgeService service;

    public BadgeController(BadgeService service) {
        this.service = service;
    }

    public void list(Context ctx) {
        BadgeService.ListQuery query = new BadgeService.ListQuery(
                RequestParams.optionalId(ctx, "peer_mentor_id"),
                RequestParams.optionalId(ctx, "organisation_id"),
                includeRevoked(ctx),
                RequestParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE),
                RequestParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        ctx.json(service.list(AccessControl.principal(ctx), query));
    }

    public void get(Context ctx) {
        ctx.json(service.get(AccessControl.principal(ctx), RequestParams.pathId(ctx, "id")));
    }

    public void check(Context ctx) {
        ctx.json(service.check(ReadScope.of(ctx), AccessControl.principal(ctx), RequestParams.optionalId(ctx, "peer_mentor_id"),
                RequestParams.optionalId(ctx, "badge_definition_id")));
    }

    public void award(Context ctx) {
        JsonNode body = body(ctx);
        if (body.isEmpty()) {
            throw ApiException.badRequest("the body must be a JSON object with badge_definition_id and peer_mentor_id");
        }
        BadgeResponses.EarnedBadgeDetail awarded = service.award(ReadScope.of(ctx), AccessControl.principal(ctx),
                new BadgeService.AwardRequest(line(body, "badge_definition_id", Limits.MAX_ID_LENGTH),
                        line(body, "peer_mentor_id", Limits.MAX_ID_LENGTH),
                        line(body, "awarded_by", Limits.MAX_NAME_LENGTH), freeText(body, "note"),
                        RequestParams.idempotencyKey(ctx)));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/earned-badges/" + awarded.id()).json(awarded);
    }

    /** The body is optional: {@code {"revoke_reason": "..."}}. */
    public void revoke(Context ctx) {
        ctx.json(service.revoke(ReadScope.of(ctx), AccessControl.principal(ctx), RequestParams.pathId(ctx, "id"),
                freeText(body(ctx), "revoke_reason")));
    }

    // The mentor each mentor-keyed request is about, so that MentorRouter can answer it on the
    // instance that holds the mentor (where the command outcome and the held badges are); null when
    // the request does not say, and the handler then answers 400 or 404 itself. An id over its
    // bound answers 400 here, before the request is located or forwarded.

    public String mentorOfAward(Context ctx) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException | RuntimeException notJson) {
            return null;
        }
        return body != null && body.isObject() ? line(body, "peer_mentor_id", Limits.MAX_ID_LENGTH) : null;
    }

    public String mentorOfBadge(Context ctx) {
        return service.mentorOf(RequestParams.pathId(ctx, "id")).orElse(null);
    }

    public String mentorOfCheck(Context ctx) {
        return RequestParams.optionalId(ctx, "peer_mentor_id").orElse(null);
    }

    private static boolean includeRevoked(Context ctx) {
        return RequestParams.optional(ctx, "include_revoked").map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("include_revoked must be true or false, not '" + value + "'");
        }).orElse(false);
    }

    /** The body as a JSON object; an empty body is an empty object. */
    private static JsonNode body(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    /** An id or name: {@link #text}, and 400 when it holds a control character. */
    private static String line(JsonNode body, String field, int max) {
        return Bounds.line(text(body, field, max), max, field);
    }

    /** A note or reason: {@link #text} with the free-text bound. */
    private static String freeText(JsonNode body, String field) {
        return text(body, field, Limits.MAX_TEXT_LENGTH);
    }

    /**
     * A string field, trimmed, or null when absent, null or blank; 400 when it is not a string or,
     * trimmed, is longer than {@code max} characters.
     */
    private static String text(JsonNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Optional.of(value.asText().trim()).filter(text -> !text.isEmpty())
                .map(text -> Bounds.atMost(text, max, field)).orElse(null);
    }
}

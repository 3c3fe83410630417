package org.peerstats.gateway.http;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads path and query parameters, answering 400 with the parameter's name when one is not usable. */
public final class RequestParams {

    /** The header a client repeats a write with, so that it is carried out once however often it arrives. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private RequestParams() {
    }

    /** The request's {@value #IDEMPOTENCY_KEY_HEADER}, if any: one line of at most an id's length. */
    public static Optional<String> idempotencyKey(Context ctx) {
        return Optional.ofNullable(ctx.header(IDEMPOTENCY_KEY_HEADER)).map(String::trim).filter(v -> !v.isEmpty())
                .map(value -> Bounds.id(value, IDEMPOTENCY_KEY_HEADER));
    }

    public static Optional<String> optional(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A query parameter that is an id: 400 when it is longer than an id may be ({@link Bounds#id}). */
    public static Optional<String> optionalId(Context ctx, String name) {
        return optional(ctx, name).map(value -> Bounds.id(value, name));
    }

    /** A query parameter of one line of at most {@code max} characters ({@link Bounds#line}). */
    public static Optional<String> optional(Context ctx, String name, int max) {
        return optional(ctx, name).map(value -> Bounds.line(value, max, name));
    }

    /** A path parameter that is an id: 400 when it is longer than an id may be ({@link Bounds#id}). */
    public static String pathId(Context ctx, String name) {
        return Bounds.id(ctx.pathParam(name), name);
    }

    public static Optional<LocalDate> date(Context ctx, String name) {
        return optional(ctx, name).map(value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + " must be a date YYYY-MM-DD, not '" + value + "'");
            }
        });
    }

    public static <E extends Enum<E>> Optional<E> choice(Context ctx, String name, Class<E> type) {
        return optional(ctx, name).map(value -> {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                String allowed = Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|"));
                throw ApiException.badRequest(name + " must be one of " + allowed + ", not '" + value + "'");
            }
        });
    }

    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        Optional<String> value = optional(ctx, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not '" + value.get() + "'");
        }
    }
}

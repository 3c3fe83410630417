package org.peerstats.streams.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * The one Jackson configuration of peerstats: snake_case on the wire (as the contracts are),
 * ISO-8601 instants and dates, values of their declared types only (no coercion), one document
 * per record (nothing after it), unknown properties ignored so producers can add fields to events
 * (a {@linkplain #strictMapper() strict} copy refuses them where they would change a meaning),
 * and {@code null} written rather than left out (a value that does not exist is {@code null}).
 */
public final class Json {

    // Field-name canonicalisation off: store documents use ids (mentees, modules) as map keys, and
    // a symbol table that grows with every new id costs more than it saves (measured in a profile).
    private static final ObjectMapper MAPPER = declaredTypesOnly(new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("peerstats-instants").addDeserializer(Instant.class, new TextInstant())
                    .addSerializer(Instant.class, new CanonicalInstant()))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

    /**
     * The same configuration, but a property the type does not know is an error: for the inputs
     * whose meaning a missed field would change (badge definitions, commands), where reading
     * {@code criteria.period} as nothing would turn a windowed rule into an all-time one.
     */
    private static final ObjectMapper STRICT = MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /**
     * A value must have the type it is declared with: Jackson's default coercions would read
     * {@code 45.5} minutes as 45, {@code "45"} as a number, {@code 42} or {@code true} as a string,
     * {@code "true"} or {@code 1} as a boolean — a producer's mistake taken as something else.
     */
    private static ObjectMapper declaredTypesOnly(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /** An instant is an ISO-8601 string; a number (epoch seconds, as Jackson would take it) is refused. */
    private static final class TextInstant extends StdDeserializer<Instant> {

        TextInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            Instant canonical = CanonicalInstants.parse(parser.getText());
            return canonical != null ? canonical : InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /** Writes an instant as {@link Instant#toString()} does, without a {@code DateTimeFormatter}. */
    private static final class CanonicalInstant extends StdSerializer<Instant> {

        CanonicalInstant() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(CanonicalInstants.format(value));
        }
    }

    /** The shared mapper; thread-safe once configured, never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@link #mapper()}, refusing unknown properties. */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }
}

package org.peerstats.streams.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration of peerstats: snake_case on the wire (as the contracts are),
 * ISO-8601 instants and dates, unknown properties ignored so producers can add fields to events
 * (a {@linkplain #strictMapper() strict} copy refuses them where they would change a meaning),
 * and {@code null} written rather than left out (a value that does not exist is {@code null}).
 */
public final class Json {

    // Field-name canonicalisation off: store documents use ids (mentees, modules) as map keys, and
    // a symbol table that grows with every new id costs more than it saves (measured in a profile).
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    /**
     * The same configuration, but a property the type does not know is an error: for the inputs
     * whose meaning a missed field would change (badge definitions, commands), where reading
     * {@code criteria.period} as nothing would turn a windowed rule into an all-time one.
     */
    private static final ObjectMapper STRICT = MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
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

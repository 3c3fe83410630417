package org.peerstats.streams.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One record value for an input topic, with the verdict the topic's schema and the service (serde,
 * then validator) must each give it. They are the same verdict, except for a documented divergence,
 * which names why the two differ. The record is keyed as a well-behaved producer keys it.
 *
 * @param divergence why the schema and the service differ here, or {@code null} when they agree
 */
record Sample(String name, String json, boolean schemaAccepts, boolean serviceAccepts, String divergence) {

    /** Removes a field in {@link #with}. */
    static final Object ABSENT = new Object();

    static Sample accepted(String name, JsonNode value) {
        return new Sample(name, write(value), true, true, null);
    }

    static Sample refused(String name, JsonNode value) {
        return new Sample(name, write(value), false, false, null);
    }

    /** Bytes that are no value of the topic at all (not an object), refused by both. */
    static Sample refusedJson(String name, String json) {
        return new Sample(name, json, false, false, null);
    }

    /** The service takes what the schema refuses: it is more lenient than the contract. */

    /** The service refuses what the schema takes: a rule a schema cannot state. */
    static Sample onlySchemaAccepts(String name, JsonNode value, String why) {
        return new Sample(name, write(value), true, false, why);
    }

    /** A sample of the exact bytes {@code json} (for what a JSON tree cannot hold apart, as {@code null}). */
    static Sample acceptedJson(String name, String json) {
        return new Sample(name, json, true, true, null);
    }

    /** A JSON object of the given names and values: {@code object("op", "upsert", "duration_minutes", 45)}. */
    static ObjectNode object(Object... namesAndValues) {
        return with(Json.mapper().createObjectNode(), namesAndValues);
    }

    /** A JSON array of the given values. */
    static ArrayNode array(Object... values) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Object value : values) {
            array.add(value == null ? array.nullNode() : Json.mapper().valueToTree(value));
        }
        return array;
    }

    /** A copy of {@code base} with the given fields set; a value of {@link #ABSENT} removes the field. */
    static ObjectNode with(ObjectNode base, Object... namesAndValues) {
        ObjectNode copy = base.deepCopy();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value == ABSENT) {
                copy.remove(name);
            } else {
                copy.set(name, value == null ? copy.nullNode() : Json.mapper().valueToTree(value));
            }
        }
        return copy;
    }

    /** A text of exactly {@code length} characters, of a letter that takes two bytes in UTF-8: lengths count characters. */
    static String chars(int length) {
        return "ø".repeat(length);
    }

    /** One refused sample per field, each without it. */
    static List<Sample> withoutEach(ObjectNode base, String... fields) {
        List<Sample> samples = new ArrayList<>();
        for (String field : fields) {
            samples.add(refused("without " + field, with(base, field, ABSENT)));
        }
        return samples;
    }

    /**
     * One accepted sample with every field of {@code bounds} exactly at its bound, and one refused
     * sample per field, one character over it.
     */
    static List<Sample> atAndOverEachBound(ObjectNode base, Map<String, Integer> bounds) {
        return atAndOverEachBound("", base, bounds);
    }

    /** {@link #atAndOverEachBound(ObjectNode, Map)}, each sample's name after {@code what}. */
    static List<Sample> atAndOverEachBound(String what, ObjectNode base, Map<String, Integer> bounds) {
        ObjectNode atBounds = base.deepCopy();
        bounds.forEach((field, bound) -> atBounds.put(field, chars(bound)));
        List<Sample> samples = new ArrayList<>();
        samples.add(accepted(what + "every length exactly at its bound " + bounds, atBounds));
        bounds.forEach((field, bound) -> samples.add(refused(what + field + " one character over " + bound,
                with(atBounds, field, chars(bound + 1)))));
        return samples;
    }

    static String write(JsonNode value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

package org.peerstats.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.serde.Json;

/** The API description states the bounds the REST layer enforces, with the values of {@link Limits}. */
class OpenApiBoundsTest {

    private static JsonNode openApi() throws IOException {
        try (InputStream in = OpenApiBoundsTest.class.getResourceAsStream("/openapi.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void everyFreeStringParameterDeclaresItsBound() throws IOException {
        List<String> checked = new ArrayList<>();
        openApi().get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().path("parameters").forEach(parameter -> {
                    JsonNode schema = parameter.get("schema");
                    if ("string".equals(schema.path("type").asText()) && !schema.has("format") && !schema.has("enum")) {
                        String name = parameter.get("name").asText();
                        int expected = name.equals("status") ? Limits.MAX_STATUS_LENGTH : Limits.MAX_ID_LENGTH;
                        assertEquals(expected, schema.path("maxLength").asInt(-1),
                                operation.getKey() + " " + path.getKey() + " " + name);
                        checked.add(name);
                    }
                })));
        assertTrue(checked.size() >= 16, "the test reached the parameters: " + checked);
    }

    @Test
    void requestBodiesDeclareTheirBounds() throws IOException {
        JsonNode schemas = openApi().at("/components/schemas");
        JsonNode award = schemas.at("/AwardRequest/properties");
        assertEquals(Limits.MAX_ID_LENGTH, award.at("/badge_definition_id/maxLength").asInt());
        assertEquals(Limits.MAX_ID_LENGTH, award.at("/peer_mentor_id/maxLength").asInt());
        assertEquals(Limits.MAX_NAME_LENGTH, award.at("/awarded_by/maxLength").asInt());
        assertEquals(Limits.MAX_TEXT_LENGTH, award.at("/note/maxLength").asInt());
        assertEquals(Limits.MAX_TEXT_LENGTH, schemas.at("/RevokeRequest/properties/revoke_reason/maxLength").asInt());
        assertEquals(Limits.MAX_ID_LENGTH, openApi().at("/paths/~1api~1v1~1peer-mentor-bloc/post/requestBody/content"
                + "/application~1json/schema/properties/mentor_id/maxLength").asInt());
    }
}

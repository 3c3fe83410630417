package org.peerstats.streams.stats;

import java.io.IOException;
import org.peerstats.streams.serde.Json;

/**
 * Reads a stored value in the JSON form that stores held before their binary codec. A JSON
 * object starts with {@code '{'}, which no binary form uses as its version byte, so the first
 * byte tells the two apart.
 */
final class LegacyJson {

    private LegacyJson() {
    }

    static boolean isJson(byte[] data) {
        return data.length > 0 && data[0] == '{';
    }

    static <T> T read(byte[] data, Class<T> type, String what) {
        try {
            return Json.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt JSON " + what + " of " + data.length + " bytes", e);
        }
    }
}

package org.peerstats.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.peerstats.streams.serde.StatelessSerde;

/**
 * A store key scoped by mentor: {@code (peer_mentor_id, id)}. Serialized as a 4-byte length, the
 * mentor id and then the id, all UTF-8, so every key of one mentor shares a byte prefix and keys
 * of one mentor sort by {@code id}. With ISO dates as ids ({@code 2026-03-14}), a RocksDB range
 * scan from {@code (m, from)} to {@code (m, to)} returns exactly that mentor's days in order.
 */
public record MentorScopedKey(String peerMentorId, String id) {

    public static final Serde<MentorScopedKey> SERDE = new KeySerde();

    private static final class KeySerde extends StatelessSerde<MentorScopedKey> {

        @Override
        public byte[] serialize(String topic, MentorScopedKey key) {
            if (key == null) {
                return null;
            }
            byte[] mentor = key.peerMentorId().getBytes(StandardCharsets.UTF_8);
            byte[] id = key.id().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(Integer.BYTES + mentor.length + id.length)
                    .putInt(mentor.length).put(mentor).put(id).array();
        }

        @Override
        public MentorScopedKey deserialize(String topic, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int mentorLength = buffer.getInt();
            if (mentorLength < 0 || mentorLength > buffer.remaining()) {
                throw new SerializationException("corrupt mentor-scoped key of " + bytes.length + " bytes");
            }
            String mentor = new String(bytes, Integer.BYTES, mentorLength, StandardCharsets.UTF_8);
            int idOffset = Integer.BYTES + mentorLength;
            String id = new String(bytes, idOffset, bytes.length - idOffset, StandardCharsets.UTF_8);
            return new MentorScopedKey(mentor, id);
        }
    }
}

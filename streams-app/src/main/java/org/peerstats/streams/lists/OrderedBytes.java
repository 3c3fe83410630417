package org.peerstats.streams.lists;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds store keys whose unsigned byte order (RocksDB's default comparator) is the order of the
 * values written into them, field by field: so a range scan returns a list already sorted.
 *
 * <ul>
 *   <li>{@link #text}: each UTF-16 char as two bytes, big-endian, then an end of four zero bytes.
 *       Byte order is then {@link String#compareTo} order, and a string sorts before every string
 *       it is a prefix of, whatever the fields after it. A U+0000 inside (the validators refuse
 *       control characters, but a key encoding must be total) is written as {@code 00 00 00 01}:
 *       below every other char, above the end, and told from the end within its four bytes.</li>
 *   <li>{@link #textNullsLast}: a present string after a {@code 01} byte, null as a lone {@code 02}.</li>
 *   <li>{@link #instant}: the epoch second with its sign bit flipped (so negative seconds sort
 *       first), eight bytes, then the nanosecond of the second, four bytes: {@link Instant}'s order.</li>
 * </ul>
 *
 * Fields written one after the other compare as a tuple, because every field's encoding is
 * prefix-free: no encoding of one value is a proper prefix of another value's.
 */
public final class OrderedBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);

    private OrderedBytes() {
    }

    public static OrderedBytes key() {
        return new OrderedBytes();
    }

    /** One byte, for a tag that separates kinds of keys or of scopes. */
    public OrderedBytes tag(int tag) {
        bytes.write(tag);
        return this;
    }

    public OrderedBytes text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                bytes.write(0);
                bytes.write(0);
                bytes.write(0);
                bytes.write(1);
            } else {
                bytes.write(c >>> 8);
                bytes.write(c);
            }
        }
        bytes.write(0);
        bytes.write(0);
        bytes.write(0);
        bytes.write(0);
        return this;
    }

    public OrderedBytes textNullsLast(String value) {
        return value == null ? tag(2) : tag(1).text(value);
    }

    public OrderedBytes instant(Instant value) {
        long second = value.getEpochSecond() ^ Long.MIN_VALUE;
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (second >>> shift));
        }
        int nano = value.getNano();
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.write(nano >>> shift);
        }
        return this;
    }

    /** Appends a key built before (a scope, say) as it is. */
    public OrderedBytes bytes(byte[] value) {
        bytes.writeBytes(value);
        return this;
    }

    public byte[] build() {
        return bytes.toByteArray();
    }

    /** Whether {@code key} begins with {@code prefix}. */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}

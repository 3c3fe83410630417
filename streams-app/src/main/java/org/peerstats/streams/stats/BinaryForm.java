package org.peerstats.streams.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What the binary codecs of stored values ({@link MentorStateCodec}, {@link LedgerEntryCodec},
 * {@link DayBucketCodec}) share: a leading version byte, a check that nothing trails the value,
 * and the encodings of optional strings and instants. Strings are modified UTF-8
 * ({@link DataOutputStream#writeUTF}); an instant is epoch seconds and nanos; "optional" is a
 * presence byte first.
 */
final class BinaryForm {

    @FunctionalInterface
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private BinaryForm() {
    }

    static byte[] encode(String what, byte version, int sizeHint, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + what, e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are of another version, truncated or too long */
    static <T> T decode(String what, byte version, byte[] data, Reader<T> reader) {
        if (data.length == 0) {
            throw new IllegalArgumentException("empty " + what);
        }
        if (data[0] != version) {
            throw new IllegalArgumentException("unknown " + what + " version " + data[0]);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(what + " has " + in.available() + " trailing bytes");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt " + what + " of " + data.length + " bytes", e);
        }
    }

    static void writeOptionalString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static String readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    static void writeOptionalInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            writeInstant(out, instant);
        }
    }

    static Instant readOptionalInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? readInstant(in) : null;
    }
}

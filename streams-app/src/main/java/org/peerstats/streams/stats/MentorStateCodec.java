package org.peerstats.streams.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The stored form of {@link MentorState}: a compact binary layout instead of JSON, because the
 * state is read and written on every event and Jackson was about half of the stream thread's
 * time in the benchmark's profile. Version 1:
 *
 * <pre>
 * byte version | opt-string organisation | long activities | long sessions | long minutes
 * int n, n × (string mentee, int count) | int n, n × (string module, instant first completion)
 * int n, n × int epoch day (run start, run end, …) | opt-instant last active | opt-instant computed
 * </pre>
 * Strings are modified UTF-8 ({@link DataOutputStream#writeUTF}); an instant is epoch seconds and
 * nanos; "opt" is a presence byte first.
 */
public final class MentorStateCodec {

    private static final byte VERSION = 1;

    private MentorStateCodec() {
    }

    public static byte[] encode(MentorState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeOptionalString(out, state.organisationId);
            out.writeLong(state.activityCount);
            out.writeLong(state.sessionCount);
            out.writeLong(state.totalMinutes);
            out.writeInt(state.mentees.size());
            for (Map.Entry<String, Integer> mentee : state.mentees.entrySet()) {
                out.writeUTF(mentee.getKey());
                out.writeInt(mentee.getValue());
            }
            out.writeInt(state.modules.size());
            for (Map.Entry<String, Instant> module : state.modules.entrySet()) {
                out.writeUTF(module.getKey());
                writeInstant(out, module.getValue());
            }
            long[] days = state.activeDays.epochDays();
            out.writeInt(days.length);
            for (long day : days) {
                out.writeInt(Math.toIntExact(day));
            }
            writeOptionalInstant(out, state.lastActiveAt);
            writeOptionalInstant(out, state.computedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode mentor state", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a state this codec wrote */
    public static MentorState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown mentor state version " + version);
            }
            MentorState state = new MentorState();
            state.organisationId = readOptionalString(in);
            state.activityCount = in.readLong();
            state.sessionCount = in.readLong();
            state.totalMinutes = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                state.mentees.put(in.readUTF(), in.readInt());
            }
            for (int i = in.readInt(); i > 0; i--) {
                state.modules.put(in.readUTF(), readInstant(in));
            }
            long[] days = new long[in.readInt()];
            for (int i = 0; i < days.length; i++) {
                days[i] = in.readInt();
            }
            state.activeDays = StreakRuns.fromEpochDays(days);
            state.lastActiveAt = readOptionalInstant(in);
            state.computedAt = readOptionalInstant(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException("mentor state has " + in.available() + " trailing bytes");
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt mentor state of " + data.length + " bytes", e);
        }
    }

    private static void writeOptionalString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeOptionalInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            writeInstant(out, instant);
        }
    }

    private static Instant readOptionalInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? readInstant(in) : null;
    }
}

package org.peerstats.streams.stats;

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
 * Strings, instants and "opt" (a presence byte first) as in {@link BinaryForm}.
 */
public final class MentorStateCodec {

    private static final byte VERSION = 1;
    private static final String WHAT = "mentor state";

    private MentorStateCodec() {
    }

    public static byte[] encode(MentorState state) {
        int sizeHint = 96 + 32 * (state.mentees.size() + state.modules.size()) + 8 * state.activeDays.runCount();
        return BinaryForm.encode(WHAT, VERSION, sizeHint, out -> {
            BinaryForm.writeOptionalString(out, state.organisationId);
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
                BinaryForm.writeInstant(out, module.getValue());
            }
            long[] days = state.activeDays.epochDays();
            out.writeInt(days.length);
            for (long day : days) {
                out.writeInt(Math.toIntExact(day));
            }
            BinaryForm.writeOptionalInstant(out, state.lastActiveAt);
            BinaryForm.writeOptionalInstant(out, state.computedAt);
        });
    }

    /** @throws IllegalArgumentException when the bytes are not a state this codec wrote */
    public static MentorState decode(byte[] data) {
        return BinaryForm.decode(WHAT, VERSION, data, in -> {
            MentorState state = new MentorState();
            state.organisationId = BinaryForm.readOptionalString(in);
            state.activityCount = in.readLong();
            state.sessionCount = in.readLong();
            state.totalMinutes = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                state.mentees.put(in.readUTF(), in.readInt());
            }
            for (int i = in.readInt(); i > 0; i--) {
                state.modules.put(in.readUTF(), BinaryForm.readInstant(in));
            }
            long[] days = new long[in.readInt()];
            for (int i = 0; i < days.length; i++) {
                days[i] = in.readInt();
            }
            state.activeDays = StreakRuns.fromEpochDays(days);
            state.lastActiveAt = BinaryForm.readOptionalInstant(in);
            state.computedAt = BinaryForm.readOptionalInstant(in);
            return state;
        });
    }
}

package org.peerstats.streams.topology;

import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.peerstats.streams.serde.StatelessSerde;
import org.peerstats.streams.organisations.Tally;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.DayBucketCodec;
import org.peerstats.streams.stats.LedgerEntry;
import org.peerstats.streams.stats.LedgerEntryCodec;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStateCodec;

/**
 * A store serde over a binary codec of the stats package. The three stats stores are read and
 * written on every event, so their values skip Jackson; a codec's {@link IllegalArgumentException}
 * (bytes it did not write) surfaces as Kafka's {@link SerializationException}.
 */
final class CodecSerde<T> extends StatelessSerde<T> {

    static final CodecSerde<MentorState> MENTOR_STATE =
            new CodecSerde<>(MentorStateCodec::encode, MentorStateCodec::decode);
    static final CodecSerde<LedgerEntry> LEDGER_ENTRY =
            new CodecSerde<>(LedgerEntryCodec::encode, LedgerEntryCodec::decode);
    static final CodecSerde<DayBucket> DAY_BUCKET =
            new CodecSerde<>(DayBucketCodec::encode, DayBucketCodec::decode);
    static final CodecSerde<Tally> TALLY = new CodecSerde<>(Tally::encode, Tally::decode);

    private final Function<T, byte[]> encode;
    private final Function<byte[], T> decode;

    private CodecSerde(Function<T, byte[]> encode, Function<byte[], T> decode) {
        this.encode = encode;
        this.decode = decode;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : encode.apply(value);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decode.apply(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

}

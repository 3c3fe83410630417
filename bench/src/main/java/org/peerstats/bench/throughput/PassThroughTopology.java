package org.peerstats.bench.throughput;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.peerstats.streams.Topics;

/**
 * The simplest Kafka Streams application over the same input: read {@code activities} with its
 * serdes (so JSON is parsed and written again, as in the real topology) and write every record to
 * {@code output}. Its throughput is what the broker, the clients and the guarantee allow, without
 * state stores or stats logic.
 */
public final class PassThroughTopology {

    private PassThroughTopology() {
    }

    public static Topology build(Topics topics, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        var activities = topics.activities();
        builder.stream(activities.name(), activities.consumed("passthrough-source"))
                .to(output, Produced.with(activities.keySerde(), activities.valueSerde()).withName("passthrough-sink"));
        return builder.build();
    }
}

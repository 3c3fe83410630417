package org.peerstats.bench.throughput;

import org.apache.kafka.streams.StreamsConfig;

/** The applications whose processing throughput is compared on the same preloaded input. */
public enum AppKind {
    /** The peerstats topology under exactly_once_v2, as production runs it. */
    TOPOLOGY_EOS("topology_eos", StreamsConfig.EXACTLY_ONCE_V2),
    /**
     * Read activities, re-key and repartition them by mentor, write them to another topic with the
     * same serdes: what any correct per-mentor topology must do ({@link PassThroughTopology}).
     */
    PASSTHROUGH_EOS("passthrough_eos", StreamsConfig.EXACTLY_ONCE_V2),
    /**
     * The same with the topology's own hops: through a one-partition topic keyed by activity id
     * (where the topology decides an activity's owner) before the repartition by mentor. The floor
     * of the topology as designed, so the cost of that hop is measured apart from the processing.
     */
    PASSTHROUGH_SAME_HOPS_EOS("passthrough_same_hops_eos", StreamsConfig.EXACTLY_ONCE_V2),
    /** The peerstats topology under at_least_once. */
    TOPOLOGY_ALOS("topology_alos", StreamsConfig.AT_LEAST_ONCE);

    private final String label;
    private final String guarantee;

    AppKind(String label, String guarantee) {
        this.label = label;
        this.guarantee = guarantee;
    }

    public String label() {
        return label;
    }

    public String guarantee() {
        return guarantee;
    }

    public boolean isTopology() {
        return this == TOPOLOGY_EOS || this == TOPOLOGY_ALOS;
    }
}

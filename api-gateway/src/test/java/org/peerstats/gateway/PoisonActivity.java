package org.peerstats.gateway;

import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.peerstats.streams.topology.MentorInput;

/**
 * A bug on purpose, for {@code processor.wrapper.class} (KIP-1112): {@code apply-activity} runs
 * as usual — it writes the three stats stores and forwards the stats, which are sent to
 * {@code mentor-stats} and evaluated by {@code evaluate-badges} — and then, for the activity
 * {@link #ID}, throws. So the exception strikes after every write the record made.
 */
public final class PoisonActivity implements ProcessorWrapper {

    public static final String ID = "poison";
    static final String PROCESSOR = "apply-activity";

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        if (!PROCESSOR.equals(processorName)) {
            return ProcessorWrapper.asWrapped(supplier);
        }
        return new WrappedProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }

            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return new FailsAfterwards<>(supplier.get());
            }
        };
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        return ProcessorWrapper.asWrappedFixedKey(supplier);
    }

    private record FailsAfterwards<KIn, VIn, KOut, VOut>(Processor<KIn, VIn, KOut, VOut> processor)
            implements Processor<KIn, VIn, KOut, VOut> {

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            processor.init(context);
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            processor.process(record);
            if (record.value() instanceof MentorInput.Activity activity && ID.equals(activity.event().activityId())) {
                throw new IllegalStateException("a bug met activity " + ID + " after its stats were written");
            }
        }

        @Override
        public void close() {
            processor.close();
        }
    }
}

package org.blackout.flink;

import java.io.IOException;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;
import org.blackout.kafka.record.ElementCodec;
import org.blackout.kafka.record.ElementRecord;
import org.blackout.pipeline.Pipeline;
import org.blackout.wire.DecodeException;

/**
 * The engine stage: {@code core}'s pipeline (engine and detectors) over the whole feed, one keyed
 * task. Elements are applied in the publisher's order (sequence numbers 0, 1, 2, ...): one arriving
 * early from a faster partition waits in state until those before it came. When the watermark
 * reaches the end of time (a bounded input read to its end) the pipeline finishes, as replay does
 * at the end of its files.
 *
 * <p>State (RocksDB in production): {@code elements}, sequence number → record, both the log of what
 * was applied (below {@code next}) and what waits; {@code next}, the next sequence number to apply.
 * After a restore the pipeline is rebuilt by re-applying the log with its output muted.
 */
final class EngineStage extends KeyedProcessFunction<Integer, byte[], Output> {
    private final PipelineFactory factory;
    private transient MapState<Long, byte[]> elements;
    private transient ValueState<Long> next;
    private transient Pipeline pipeline;
    private transient Collector<Output> out;
    private transient boolean muted;
    private transient LongCounter restored, applied, damaged;

    EngineStage(PipelineFactory factory) {
        this.factory = factory;
    }

    @Override
    public void open(OpenContext context) {
        elements = getRuntimeContext().getMapState(new MapStateDescriptor<>("elements", Types.LONG,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        next = getRuntimeContext().getState(new ValueStateDescriptor<>("next", Types.LONG));
        restored = getRuntimeContext().getLongCounter("engine-restored-elements");
        applied = getRuntimeContext().getLongCounter("engine-applied-elements");
        damaged = getRuntimeContext().getLongCounter("engine-damaged-elements");
    }

    @Override
    public void processElement(byte[] value, Context ctx, Collector<Output> collector) throws Exception {
        this.out = collector;
        long n = ensurePipeline(ctx);
        long seq = ElementCodec.seq(value);
        if (seq < n) return; // already applied: a source replaying from before the checkpoint
        elements.put(seq, value);
        if (seq != n) return;
        byte[] b;
        while ((b = elements.get(n)) != null) {
            apply(b);
            n++;
        }
        next.update(n);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Output> collector) throws Exception {
        this.out = collector;
        ensurePipeline(ctx);
        long n = next.value() == null ? 0 : next.value();
        if (hasLater(n - 1)) { // something waits for element n, which never came
            System.err.println("flink: the input ended with element " + n + " missing; the elements after it were not applied");
        }
        pipeline.finish();
    }

    private boolean hasLater(long n) throws Exception {
        for (Long k : elements.keys()) if (k > n) return true;
        return false;
    }

    /** Builds the pipeline on first use in this attempt, re-applying the log when there is one; returns {@code next}. */
    private long ensurePipeline(Context ctx) throws Exception {
        Long n = next.value();
        if (pipeline != null) return n == null ? 0 : n;
        pipeline = factory.build(new Signals(), new Events());
        // the end of a bounded input: the watermark reaches the end of time
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        if (n == null) return 0;
        muted = true; // this output was written (and committed) before the checkpoint
        try {
            for (long s = 0; s < n; s++) {
                byte[] b = elements.get(s);
                if (b == null) throw new IOException("engine state has no element " + s + " of the " + n + " applied");
                apply(b);
                restored.add(1);
            }
        } finally {
            muted = false;
        }
        return n;
    }

    private void apply(byte[] b) {
        ElementRecord r;
        try {
            r = ElementCodec.decode(b);
        } catch (DecodeException e) {
            damaged.add(1);
            return; // the per-peer stage reported it
        }
        pipeline.accept(r.collector(), r.element());
        if (!muted) applied.add(1);
    }

    private void emit(Output o) {
        if (!muted) out.collect(o);
    }

    private final class Signals implements EngineListener {
        @Override
        public void signal(Signal s) {
            emit(new Output(Output.SIGNAL, s.entity(), null, s.time().toEpochMilli(), SignalText.json(s)));
        }
    }

    private final class Events implements EventSink.ByPhase {
        @Override
        public void event(Phase p, Event e) {
            emit(new Output(Output.EVENT, e.id(), p.json(), e.raised().toEpochMilli(), EventJson.json(e)));
        }
    }
}

package org.blackout.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.blackout.kafka.record.ElementCodec;
import org.blackout.wire.DecodeException;

/**
 * The per-peer stage, keyed by collector and peer, run in parallel: decodes every record (so a
 * damaged one is reported here, with its peer, and never reaches the engine) and keeps the peer's
 * element count in keyed state. Records pass on unchanged.
 */
final class PeerStage extends KeyedProcessFunction<String, byte[], byte[]> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext context) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("elements", Types.LONG));
    }

    @Override
    public void processElement(byte[] value, Context ctx, Collector<byte[]> out) throws Exception {
        try {
            ElementCodec.decode(value);
        } catch (DecodeException e) {
            System.err.println("flink: damaged element record from " + ctx.getCurrentKey() + " skipped: " + e.getMessage());
            return;
        }
        Long n = count.value();
        count.update(n == null ? 1 : n + 1);
        out.collect(value);
    }
}

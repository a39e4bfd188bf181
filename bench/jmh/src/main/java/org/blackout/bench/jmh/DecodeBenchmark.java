package org.blackout.bench.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding alone, on one thread: decompressed MRT bytes in memory to route elements (framing,
 * MRT and BGP decoding with RFC 7606 checks, RouteElements). The "elements" counter is the figure
 * of merit: route elements per second. Files come from {@code -Dblackout.shared} (default
 * {@code ../shared/data}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class DecodeBenchmark {

    @Param({"bgpdump/test_data/updates.et-header.2015.gz", "bgpdump/test_data/bview.20020722.2337.gz",
            "pyasn/rib.20140523.0600_firstMB.bz2"})
    public String file;

    private byte[] data;

    /** Elements produced, reported by JMH as a rate next to the operation rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Elements {
        public long elements;

        @Setup(Level.Iteration)
        public void clear() {
            elements = 0;
        }
    }

    @Setup
    public void load() throws IOException {
        Path p = Path.of(System.getProperty("blackout.shared", "../shared/data"), "mrt", file);
        try (InputStream raw = Files.newInputStream(p)) {
            InputStream in = file.endsWith(".bz2") ? new BZip2CompressorInputStream(raw, true) : new GZIPInputStream(raw);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                int c;
                while ((c = in.read()) >= 0) out.write(c); // byte by byte: keeps what precedes a truncation
            } catch (IOException truncated) {
                // the bz2 prefix file ends mid-block; the records before it are what we decode
            }
            data = out.toByteArray();
        }
    }

    @Benchmark
    public void decode(Elements count, Blackhole bh) throws IOException {
        RouteElements elements = new RouteElements();
        long n = 0;
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(data), file)) {
            MrtRecord r;
            Sink sink = new Sink(bh);
            while ((r = reader.next()) != null) elements.accept(r, sink);
            n = sink.n;
        }
        count.elements += n;
    }

    private static final class Sink implements java.util.function.Consumer<RouteElement> {
        final Blackhole bh;
        long n;

        Sink(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void accept(RouteElement e) {
            n++;
            bh.consume(e);
        }
    }
}

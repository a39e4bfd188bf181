package org.blackout.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stream read ahead on a thread of its own gives the same bytes, its failure after them, and stops when closed. */
class ReadAheadTest {

    /** The bytes of {@code data}, each read answering a random amount, then {@code failure} (if any) instead of the end. */
    static final class Source extends InputStream {
        private final byte[] data;
        private final Random random;
        private final IOException failure;
        private int at;
        final AtomicBoolean closed = new AtomicBoolean();

        Source(byte[] data, long seed, IOException failure) {
            this.data = data;
            this.random = new Random(seed);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at == data.length) {
                if (failure != null) throw failure;
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - at), 1 + random.nextInt(200_000));
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads to the end in reads of random sizes, some of them single bytes. */
    static byte[] drain(InputStream in, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[300_000];
        while (true) {
            if (random.nextInt(10) == 0) {
                int c = in.read();
                if (c < 0) break;
                out.write(c);
                continue;
            }
            int n = in.read(buf, 0, 1 + random.nextInt(buf.length));
            if (n < 0) break;
            assertThat(n).isPositive();
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void givesTheSourceBytesInOrderWhateverTheChunking() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            byte[] data = random(3_000_000 + (int) seed * 7919, seed);
            Source source = new Source(data, seed, null);
            // a queue of 4 chunks holds the pump back for most of the stream: reader and pump take turns
            try (ReadAhead in = new ReadAhead(() -> source, "test", 4)) {
                assertThat(drain(in, seed * 31)).isEqualTo(data);
                assertThat(in.read()).isEqualTo(-1);
                assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
                assertThat(in.read(new byte[8], 0, 0)).isZero();
            }
            assertThat(source.closed).isTrue();
        }
    }

    @Test
    void anEmptySourceEndsAtOnce() throws Exception {
        try (ReadAhead in = new ReadAhead(() -> InputStream.nullInputStream(), "empty", 2)) {
            assertThat(in.read(new byte[16], 0, 16)).isEqualTo(-1);
        }
    }

    @Test
    void aFailureMidStreamComesAfterEveryByteBeforeIt() throws Exception {
        byte[] data = random(700_000, 7);
        IOException boom = new IOException("lbzip2 exit status 2: data error");
        try (ReadAhead in = new ReadAhead(() -> new Source(data, 7, boom), "failing", 3)) {
            byte[] got = new byte[data.length];
            int n = 0;
            while (n < data.length) {
                int r = in.read(got, n, data.length - n);
                assertThat(r).as("bytes end early at %d", n).isPositive();
                n += r;
            }
            assertThat(got).isEqualTo(data);
            assertThatThrownBy(() -> in.read(new byte[1], 0, 1)).isSameAs(boom);
            // thrown once; the stream has ended after it
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailureToOpenIsThrownToTheReader() throws Exception {
        try (ReadAhead in = new ReadAhead(() -> {
            throw new NoSuchFileException("/nowhere/updates.20080221.0013.bz2");
        }, "missing", 2)) {
            assertThatThrownBy(in::read).isInstanceOf(NoSuchFileException.class).hasMessageContaining("updates.20080221.0013.bz2");
        }
    }

    @Test
    void closingStopsAPumpThatWaitsForRoom() throws Exception {
        // an endless source: the pump fills the queue and waits for the reader
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 1);
                return len;
            }
        };
        ReadAhead in = new ReadAhead(() -> endless, "endless", 2);
        assertThat(in.read(new byte[1000], 0, 1000)).isPositive();
        assertThat(in.pumpDone(200)).as("the pump reads on while open").isFalse();
        in.close();
        assertThat(in.pumpDone(5_000)).isTrue();
    }

    @Test
    void closingStopsAPumpBlockedInARead() throws Exception {
        // a decompressor's pipe: a read blocks until the process ends, which closing the stream does
        CountDownLatch released = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        InputStream pipe = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    // the pump is interrupted too; a real pipe read would not be, so wait for close
                    try {
                        released.await();
                    } catch (InterruptedException again) {
                        throw new IOException(again);
                    }
                }
                return -1;
            }

            @Override
            public void close() {
                closed.set(true);
                released.countDown();
            }
        };
        ReadAhead in = new ReadAhead(() -> pipe, "pipe", 2);
        assertThat(in.pumpDone(200)).isFalse();
        in.close();
        assertThat(closed).isTrue();
        assertThat(in.pumpDone(5_000)).isTrue();
    }
}

package org.blackout.pipeline.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Compares what is written with an expected stream as it goes, remembering the first differing line. */
final class ComparingOutputStream extends OutputStream {
    private final InputStream expected;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder expectedLine = new StringBuilder();
    private long lineNo = 1;
    private long written;
    private String firstDifference;

    ComparingOutputStream(InputStream expected) {
        this.expected = expected;
    }

    @Override
    public void write(int b) throws IOException {
        written++;
        int e = expected.read();
        if (firstDifference == null) {
            line.append((char) b);
            if (e >= 0) expectedLine.append((char) e);
            if (b != e) {
                firstDifference = "line " + lineNo + " differs: got '" + rest(line, b) + "', expected '"
                        + (e < 0 ? "<end of expected output>" : restExpected()) + "'";
            } else if (b == '\n') {
                lineNo++;
                line.setLength(0);
                expectedLine.setLength(0);
            }
        }
    }

    private String rest(StringBuilder sb, int b) {
        return sb.toString().replace("\n", "\\n");
    }

    private String restExpected() throws IOException {
        int c;
        while ((c = expected.read()) >= 0 && c != '\n') expectedLine.append((char) c);
        return expectedLine.toString().replace("\n", "\\n");
    }

    private byte[] chunk = new byte[1 << 16];

    /** Compares a whole chunk at once while everything matched (the output runs to gigabytes); bytewise after. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (firstDifference == null && len > 0) {
            int n = Math.min(len, chunk.length);
            int got = expected.readNBytes(chunk, 0, n);
            int k = java.util.Arrays.mismatch(b, off, off + n, chunk, 0, got);
            if (k < 0) { // all n bytes equal
                matched(b, off, n);
                off += n;
                len -= n;
                continue;
            }
            matched(b, off, k);
            // replay the rest of this chunk bytewise from the buffered expected bytes, then the stream
            java.io.InputStream rest = new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(chunk, k, got - k), expected);
            ComparingOutputStream tail = new ComparingOutputStream(rest);
            tail.line.append(line);
            tail.expectedLine.append(expectedLine);
            tail.lineNo = lineNo;
            for (int i = k; i < n && tail.firstDifference == null; i++) tail.write(b[off + i]);
            written += n - k;
            firstDifference = tail.firstDifference;
            off += n;
            len -= n;
        }
        for (int i = 0; i < len; i++) write(b[off + i]);
    }

    /** Accounts for {@code n} bytes that matched: line count and the text of the current line. */
    private void matched(byte[] b, int off, int n) {
        written += n;
        int lastNl = -1;
        for (int i = 0; i < n; i++) {
            if (b[off + i] == '\n') {
                lineNo++;
                lastNl = i;
            }
        }
        if (lastNl >= 0) {
            line.setLength(0);
            expectedLine.setLength(0);
        }
        for (int i = lastNl + 1; i < n; i++) {
            line.append((char) b[off + i]);
            expectedLine.append((char) b[off + i]);
        }
    }

    /** Null when everything written matched and the expected stream is used up, else what differs. */
    String verdict() throws IOException {
        if (firstDifference != null) return firstDifference;
        int e = expected.read();
        if (e >= 0) return "output ends at line " + lineNo + " (" + written + " bytes) but more is expected";
        return null;
    }

    long lines() {
        return lineNo - 1;
    }
}

package org.blackout.cli.dump;

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

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) write(b[off + i]);
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

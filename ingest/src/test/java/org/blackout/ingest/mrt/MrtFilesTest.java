package org.blackout.ingest.mrt;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrtFilesTest {
    @TempDir
    Path tmp;

    static Path shared(String relative) {
        String s = System.getProperty("blackout.shared");
        Path p = s == null ? null : Path.of(s, "mrt", relative);
        Prerequisites.require(p != null && Files.exists(p), "shared data not available: " + relative);
        return p;
    }

    static byte[] mrtBytes() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(shared("bgpdump/test_data/updates.20020722.2238.gz")))) {
            return in.readAllBytes();
        }
    }

    @Test
    void recognisesCompressionByMagicBytesNotByName() throws IOException {
        byte[] mrt = mrtBytes();
        Path plain = tmp.resolve("a.gz"); // a misleading name on purpose
        Files.write(plain, mrt);
        Path gz = write("b", mrt, GZIPOutputStream::new);
        Path bz2 = write("c.mrt", mrt, BZip2CompressorOutputStream::new);
        Path zst = write("d.bz2", mrt, ZstdOutputStream::new);
        for (Path p : List.of(plain, gz, bz2, zst)) {
            try (InputStream in = MrtFiles.open(p)) {
                assertThat(in.readAllBytes()).as(p.getFileName().toString()).isEqualTo(mrt);
            }
        }
        assertThat(MrtFiles.completeBzip2(bz2)).isTrue();
    }

    @Test
    void aTruncatedBzip2StreamYieldsEveryCompleteBlock() throws IOException {
        // the first MiB of a RouteViews RIB: bzip2 -dc writes 15,270,000 bytes of it (whole 5000-byte
        // chunks); every complete block holds a few more
        Path p = shared("pyasn/rib.20140523.0600_firstMB.bz2");
        assertThat(MrtFiles.completeBzip2(p)).isFalse();
        long n = 0;
        boolean failed = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = MrtFiles.open(p)) {
            int r;
            while ((r = in.read(buf)) > 0) n += r;
        } catch (IOException e) {
            failed = true;
        }
        assertThat(n).isBetween(15_270_000L, 15_300_000L);
        assertThat(failed).as("the truncation is reported as an error after the data").isTrue();
    }

    @Test
    void directoriesExpandToTheirFilesSorted() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rrc00/2015.10"));
        Files.writeString(dir.resolve("updates.20151023.1200.gz"), "");
        Files.writeString(dir.resolve("updates.20151023.1145.gz"), "");
        Files.writeString(Files.createDirectories(tmp.resolve("rrc00/2015.09")).resolve("updates.20150930.2355.gz"), "");
        Path single = Files.writeString(tmp.resolve("zz.mrt"), "");
        List<Path> out = MrtFiles.expand(List.of(single, tmp.resolve("rrc00")));
        assertThat(out).extracting(p -> tmp.relativize(p).toString()).containsExactly("zz.mrt",
                "rrc00/2015.09/updates.20150930.2355.gz", "rrc00/2015.10/updates.20151023.1145.gz",
                "rrc00/2015.10/updates.20151023.1200.gz");
    }

    interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private Path write(String name, byte[] data, Compressor c) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream out = c.wrap(Files.newOutputStream(p))) {
            out.write(data);
        }
        return p;
    }
}

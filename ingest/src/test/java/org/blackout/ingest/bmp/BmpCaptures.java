package org.blackout.ingest.bmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.blackout.ingest.pcap.Pcap;
import org.blackout.ingest.pcap.TcpStreams;

/**
 * The BMP captures under {@code shared/data/bmp}: pmacct-test-automation's, with the BMP ports their
 * traffic-reproducer configs select (the BGP captures beside them are the collector's), and
 * NetGauze's BMP captures (ports 1790 and 10000, as tshark shows). {@code reproIp} is the address
 * pmacct saw the router connect from (the reproducer's {@code repro_ip}), null for NetGauze's.
 */
record BmpCaptures(Path pcap, Set<Integer> ports, String reproIp) {
    static final Set<Integer> NETGAUZE_PORTS = Set.of(1790, 10000);

    static Path shared() {
        String s = System.getProperty("blackout.shared");
        return s == null ? null : Path.of(s);
    }

    static boolean available() {
        Path s = shared();
        return s != null && Files.isDirectory(s.resolve("bmp"));
    }

    static List<BmpCaptures> all() {
        Path bmp = shared().resolve("bmp");
        List<BmpCaptures> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(bmp)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("traffic-reproducer-") && name.endsWith(".yml")) {
                    BmpCaptures c = fromReproducer(f);
                    if (c != null) out.add(c);
                } else if (f.startsWith(bmp.resolve("netgauze")) && !f.startsWith(bmp.resolve("netgauze/bgp"))
                        && !f.startsWith(bmp.resolve("netgauze/305-BGP"))
                        && (name.endsWith(".pcap") || name.endsWith(".pcapng")) && !name.equals("bgp.pcap")) {
                    out.add(new BmpCaptures(f, NETGAUZE_PORTS, null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The pcap and BMP destination ports a traffic-reproducer config names, or null when it has no bmp section. */
    static BmpCaptures fromReproducer(Path yml) {
        List<String> lines;
        try {
            lines = Files.readAllLines(yml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String pcap = null, repro = null;
        Set<Integer> ports = new TreeSet<>();
        boolean inBmp = false, inDport = false;
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "");
            if (line.isBlank()) continue;
            boolean top = !Character.isWhitespace(line.charAt(0));
            String t = line.trim();
            if (top) {
                inBmp = t.equals("bmp:");
                inDport = false;
                if (t.startsWith("pcap:")) pcap = t.substring(5).trim();
                continue;
            }
            if (t.startsWith("repro_ip:") && repro == null) repro = t.substring(9).trim();
            if (!inBmp) continue;
            if (t.startsWith("dport:")) {
                inDport = true;
                String v = t.substring(6).trim();
                if (!v.isEmpty()) ports.add(Integer.parseInt(v.replaceAll("[\\[\\]]", "").trim()));
            } else if (inDport && t.startsWith("- ")) {
                ports.add(Integer.parseInt(t.substring(2).trim()));
            } else {
                inDport = false;
            }
        }
        if (pcap == null || ports.isEmpty()) return null;
        return new BmpCaptures(yml.resolveSibling(pcap), Set.copyOf(ports), repro);
    }

    /** The directions of the capture's TCP streams that carry BMP (towards a BMP port). */
    List<TcpStreams.Stream> streams() {
        try {
            return TcpStreams.of(Pcap.read(pcap)).stream()
                    .filter(s -> ports.contains(s.destinationPort()) && s.payload().length > 0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return shared().resolve("bmp").relativize(pcap).toString();
    }

    @Override
    public String toString() {
        return name();
    }
}

package org.blackout.core.entity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a minimal MaxMind DB (format 2.0, IPv4 tree, 24-bit records) for tests: each network's
 * data is a map of strings, unsigned ints and nested maps. Just enough of the spec to be read back
 * by MaxMind's own reader.
 */
final class TinyMmdb {
    private final List<int[]> nodes = new ArrayList<>(); // [left, right]; -1 empty, -2-k data item k
    private final List<Map<String, Object>> data = new ArrayList<>();

    TinyMmdb() {
        nodes.add(new int[] {-1, -1});
    }

    TinyMmdb add(int address, int length, Map<String, Object> value) {
        data.add(value);
        int item = data.size() - 1;
        int node = 0;
        for (int depth = 0; depth < length; depth++) {
            int bit = (address >>> (31 - depth)) & 1;
            if (depth == length - 1) {
                nodes.get(node)[bit] = -2 - item;
            } else {
                int next = nodes.get(node)[bit];
                if (next < 0) {
                    nodes.add(new int[] {-1, -1});
                    next = nodes.size() - 1;
                    nodes.get(node)[bit] = next;
                }
                node = next;
            }
        }
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        int[] offsets = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            offsets[i] = section.size();
            encode(section, data.get(i));
        }
        int count = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] n : nodes) {
            for (int r : n) {
                long v = r >= 0 ? r : r == -1 ? count : count + 16L + offsets[-2 - r];
                out.write((int) (v >>> 16));
                out.write((int) (v >>> 8));
                out.write((int) v);
            }
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(section.toByteArray());
        out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("node_count", (long) count);
        meta.put("record_size", 24L);
        meta.put("ip_version", 4L);
        meta.put("database_type", "Blackout-Test");
        meta.put("languages", List.of("en"));
        meta.put("binary_format_major_version", 2L);
        meta.put("binary_format_minor_version", 0L);
        meta.put("build_epoch", 1_700_000_000L);
        meta.put("description", Map.of("en", "test"));
        encode(out, meta);
        return out.toByteArray();
    }

    private static void encode(ByteArrayOutputStream out, Object v) {
        switch (v) {
            case String s -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                control(out, 2, b.length);
                out.writeBytes(b);
            }
            case Long l -> { // uint32 (type 6), big-endian, minimal bytes
                int n = l == 0 ? 0 : (64 - Long.numberOfLeadingZeros(l) + 7) / 8;
                int type = n > 4 ? 9 : 6; // uint64 for build_epoch-sized values is fine as uint32 too
                control(out, type, n);
                for (int i = n - 1; i >= 0; i--) out.write((int) (l >>> (8 * i)));
            }
            case Integer i -> encode(out, (long) i);
            case Map<?, ?> m -> {
                control(out, 7, m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    encode(out, e.getKey().toString());
                    encode(out, e.getValue());
                }
            }
            case List<?> list -> {
                control(out, 11, list.size());
                for (Object o : list) encode(out, o);
            }
            default -> throw new IllegalArgumentException("unsupported: " + v);
        }
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        if (size >= 29 + 256) throw new IllegalArgumentException("size too big for this writer: " + size);
        int bits = Math.min(size, 29);
        out.write(((type <= 7 ? type : 0) << 5) | bits);
        if (type > 7) out.write(type - 7); // extended type byte
        if (size >= 29) out.write(size - 29);
    }
}

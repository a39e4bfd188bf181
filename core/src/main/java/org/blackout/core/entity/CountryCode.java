package org.blackout.core.entity;

/** ISO 3166 alpha-2 codes packed as ints 0..675, so address ranges can carry them as labels. */
public final class CountryCode {
    private CountryCode() {}

    public static final int COUNT = 26 * 26;

    /** The code's index, or -1 when it is not two ASCII letters (or is a registry placeholder). */
    public static int encode(String cc) {
        if (cc == null || cc.length() != 2) return -1;
        char a = Character.toUpperCase(cc.charAt(0)), b = Character.toUpperCase(cc.charAt(1));
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return -1;
        if (a == 'Z' && b == 'Z') return -1; // "ZZ": unknown / not delegated
        return (a - 'A') * 26 + (b - 'A');
    }

    public static String decode(int index) {
        return new String(new char[] {(char) ('A' + index / 26), (char) ('A' + index % 26)});
    }
}

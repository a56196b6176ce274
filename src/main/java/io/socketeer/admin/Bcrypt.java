package io.socketeer.admin;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Checks a password against a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}), as npm
 * {@code bcryptjs} (the admin UI's own dependency) does: the password's UTF-8 bytes and a NUL,
 * at most 72 of them, expanded into Blowfish {@code 2^cost} times with the 16-byte salt, then
 * "OrpheanBeholderScryDoubt" encrypted 64 times; the three minor versions hash alike.
 *
 * <pre>{@code
 * Bcrypt.check("changeit", "$2a$10$...");   // true or false; never throws for a valid hash
 * Bcrypt.rounds("$2b$12$...");               // 12; IllegalArgumentException for anything else
 * }</pre>
 *
 * <p>Blowfish's initial P-array and S-boxes are the fractional hexadecimal digits of pi; rather than
 * a table of 1,042 constants they are computed once, on first use (Machin's formula, a few ms).
 */
public final class Bcrypt {
    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int[] MAGIC = words("OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII));
    private static final int MAX_KEY = 72;

    private Bcrypt() {
    }

    /** Whether {@code password} matches {@code hash}; false for a hash that is not a bcrypt hash. */
    public static boolean check(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        String computed;
        try {
            computed = hash(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
    }

    /** The cost of a bcrypt hash (4 to 31), as bcryptjs' {@code getRounds}; throws if it is not one. */
    public static int rounds(String hash) {
        if (hash == null || hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(1) != '2'
                || "aby".indexOf(hash.charAt(2)) < 0 || hash.charAt(3) != '$' || hash.charAt(6) != '$') {
            throw new IllegalArgumentException("not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)");
        }
        int cost;
        try {
            cost = Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a bcrypt cost: " + hash.substring(4, 6));
        }
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost out of range (4-31): " + cost);
        }
        for (int i = 7; i < 60; i++) {
            if (ALPHABET.indexOf(hash.charAt(i)) < 0) {
                throw new IllegalArgumentException("not a bcrypt hash: bad character at " + i);
            }
        }
        return cost;
    }

    /**
     * The hash of {@code password} with the version, cost and salt of {@code saltOrHash} (its first
     * 29 characters: {@code $2b$10$} and 22 characters of salt), as bcryptjs' {@code hashSync}.
     */
    public static String hash(String password, String saltOrHash) {
        String s = saltOrHash.length() >= 60 ? saltOrHash.substring(0, 60) : saltOrHash + "x".repeat(60);
        int cost = rounds(s.substring(0, 29) + ".".repeat(31));
        byte[] salt = decode(s.substring(7, 29), 16);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(pw, Math.min(pw.length + 1, MAX_KEY)); // with its NUL, cut at 72
        byte[] raw = crypt(key, salt, cost);
        return s.substring(0, 7) + encode(salt, 16) + encode(raw, 23);
    }

    private static byte[] crypt(byte[] key, byte[] salt, int cost) {
        int[] p = Pi.P.clone();
        int[] sb = Pi.S.clone();
        expand(p, sb, key, salt);
        long n = 1L << cost;
        for (long i = 0; i < n; i++) {
            expand(p, sb, key, null);
            expand(p, sb, salt, null);
        }
        int[] text = MAGIC.clone();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < text.length; j += 2) {
                encipher(p, sb, text, j);
            }
        }
        byte[] out = new byte[text.length * 4];
        for (int i = 0; i < text.length; i++) {
            out[4 * i] = (byte) (text[i] >>> 24);
            out[4 * i + 1] = (byte) (text[i] >>> 16);
            out[4 * i + 2] = (byte) (text[i] >>> 8);
            out[4 * i + 3] = (byte) text[i];
        }
        return out;
    }

    /** Blowfish's key schedule; with {@code salt}, the expensive variant (eksblowfish's first step). */
    private static void expand(int[] p, int[] s, byte[] key, byte[] salt) {
        int[] off = {0};
        for (int i = 0; i < p.length; i++) {
            p[i] ^= streamWord(key, off);
        }
        int[] lr = {0, 0};
        int[] saltOff = {0};
        for (int i = 0; i < p.length; i += 2) {
            if (salt != null) {
                lr[0] ^= streamWord(salt, saltOff);
                lr[1] ^= streamWord(salt, saltOff);
            }
            encipher(p, s, lr, 0);
            p[i] = lr[0];
            p[i + 1] = lr[1];
        }
        for (int i = 0; i < s.length; i += 2) {
            if (salt != null) {
                lr[0] ^= streamWord(salt, saltOff);
                lr[1] ^= streamWord(salt, saltOff);
            }
            encipher(p, s, lr, 0);
            s[i] = lr[0];
            s[i + 1] = lr[1];
        }
    }

    private static int streamWord(byte[] data, int[] off) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            word = (word << 8) | (data[off[0]] & 0xff);
            off[0] = (off[0] + 1) % data.length;
        }
        return word;
    }

    private static void encipher(int[] p, int[] s, int[] lr, int at) {
        int l = lr[at];
        int r = lr[at + 1];
        l ^= p[0];
        for (int i = 1; i <= 16; i += 2) {
            r ^= f(s, l) ^ p[i];
            l ^= f(s, r) ^ p[i + 1];
        }
        lr[at] = r ^ p[17];
        lr[at + 1] = l;
    }

    private static int f(int[] s, int x) {
        return ((s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xff)]) ^ s[0x200 | ((x >>> 8) & 0xff)]) + s[0x300 | (x & 0xff)];
    }

    private static int[] words(byte[] b) {
        int[] w = new int[b.length / 4];
        int[] off = {0};
        for (int i = 0; i < w.length; i++) {
            w[i] = streamWord(b, off);
        }
        return w;
    }

    /** bcrypt's base64 (its own alphabet, no padding) of the first {@code len} bytes. */
    static String encode(byte[] d, int len) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < len) {
            int c1 = d[i++] & 0xff;
            sb.append(ALPHABET.charAt((c1 >> 2) & 0x3f));
            c1 = (c1 & 0x03) << 4;
            if (i >= len) {
                sb.append(ALPHABET.charAt(c1 & 0x3f));
                break;
            }
            int c2 = d[i++] & 0xff;
            c1 |= (c2 >> 4) & 0x0f;
            sb.append(ALPHABET.charAt(c1 & 0x3f));
            c1 = (c2 & 0x0f) << 2;
            if (i >= len) {
                sb.append(ALPHABET.charAt(c1 & 0x3f));
                break;
            }
            c2 = d[i++] & 0xff;
            c1 |= (c2 >> 6) & 0x03;
            sb.append(ALPHABET.charAt(c1 & 0x3f));
            sb.append(ALPHABET.charAt(c2 & 0x3f));
        }
        return sb.toString();
    }

    /** The first {@code len} bytes that bcrypt's base64 {@code s} holds. */
    static byte[] decode(String s, int len) {
        byte[] out = new byte[len];
        int o = 0;
        int i = 0;
        while (o < len && i + 1 < s.length()) {
            int c1 = value(s.charAt(i++));
            int c2 = value(s.charAt(i++));
            out[o++] = (byte) ((c1 << 2) | ((c2 & 0x30) >> 4));
            if (o >= len || i >= s.length()) {
                break;
            }
            int c3 = value(s.charAt(i++));
            out[o++] = (byte) (((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2));
            if (o >= len || i >= s.length()) {
                break;
            }
            int c4 = value(s.charAt(i++));
            out[o++] = (byte) (((c3 & 0x03) << 6) | c4);
        }
        if (o < len) {
            throw new IllegalArgumentException("bcrypt salt too short");
        }
        return out;
    }

    private static int value(char c) {
        int v = ALPHABET.indexOf(c);
        if (v < 0) {
            throw new IllegalArgumentException("not a bcrypt base64 character: " + c);
        }
        return v;
    }

    /** Blowfish's initial state: the first 1,042 32-bit words of pi's fractional part. */
    static final class Pi {
        static final int[] P;
        static final int[] S;

        static {
            int words = 18 + 1024;
            int bits = words * 32;
            int guard = 64;
            BigInteger one = BigInteger.ONE.shiftLeft(bits + guard);
            BigInteger pi = atanInverse(5, one).shiftLeft(4).subtract(atanInverse(239, one).shiftLeft(2));
            // pi * 2^(bits + guard): drop the guard bits and the integer part 3
            BigInteger frac = pi.shiftRight(guard).subtract(BigInteger.valueOf(3).shiftLeft(bits));
            int[] all = new int[words];
            for (int i = 0; i < words; i++) {
                all[i] = frac.shiftRight(bits - 32 * (i + 1)).intValue();
            }
            P = Arrays.copyOfRange(all, 0, 18);
            S = Arrays.copyOfRange(all, 18, words);
        }

        /** atan(1/x) in fixed point ({@code one} is 1.0), by its Taylor series. */
        private static BigInteger atanInverse(int x, BigInteger one) {
            BigInteger x2 = BigInteger.valueOf((long) x * x);
            BigInteger term = one.divide(BigInteger.valueOf(x));
            BigInteger sum = term;
            for (int k = 1; term.signum() != 0; k++) {
                term = term.divide(x2);
                BigInteger t = term.divide(BigInteger.valueOf(2L * k + 1));
                sum = (k % 2 == 1) ? sum.subtract(t) : sum.add(t);
            }
            return sum;
        }

        private Pi() {
        }
    }
}

package io.socketeer.fuzz;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Random input for the property tests ({@code *PropertiesTest}), from a {@link SplittableRandom}, and
 * the runner that checks a property on many of them: {@link #forAll} generates an input for each try
 * from the try's own seed and fails with that seed and the input in the message, so that a failure
 * can be replayed.
 *
 * <p>Seeds: by default each property starts from a fixed seed derived from its class and method
 * name, so a run (and CI) is reproducible. The system property {@value #SEED_PROPERTY} changes that:
 * <ul>
 * <li>{@code -Dsocketeer.fuzz.seed=1234} starts from seed 1234; the seed a failure reports is the
 *     failing try's, so {@code mvn test -Dtest='PacketDecoderPropertiesTest#mutatedPacketsAreDecodedAwaitedOrRefused'
 *     -Dsocketeer.fuzz.seed=1234} replays the failure as its first try;</li>
 * <li>{@code -Dsocketeer.fuzz.seed=random} starts each property from a new random seed, for
 *     exploration (a failure reports its seed as above).</li>
 * </ul>
 *
 * <p>Generators lean towards the edges (empty strings and lists, 0, the bounds of a range, control
 * characters and lone surrogates), where decoders break most often.
 */
public final class Fuzz {
    /** The system property that fixes the seed (a number) or asks for a random one ({@code random}). */
    public static final String SEED_PROPERTY = "socketeer.fuzz.seed";

    /** Spacing of the tries' seeds (the golden-ratio increment SplittableRandom uses). */
    private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

    /** The longest description of a failing input the message shows. */
    private static final int MAX_DESCRIPTION = 4000;

    private final SplittableRandom random;

    /** Random input from {@code seed}. */
    public Fuzz(long seed) {
        random = new SplittableRandom(seed);
    }

    // --- the runner ---

    /**
     * Checks {@code property} on {@code tries} inputs made by {@code generator}, each from its own seed;
     * the first failure (an assertion or anything else thrown) fails the test with the try's seed and
     * the input. The seed of the first try is the property's fixed seed (its class and method name)
     * unless {@value #SEED_PROPERTY} says otherwise.
     */
    public static <T> void forAll(int tries, Function<Fuzz, T> generator, Consumer<? super T> property) {
        long first = firstSeed(caller());
        for (int i = 0; i < tries; i++) {
            long seed = first + i * SEED_STEP;
            T input = generator.apply(new Fuzz(seed));
            try {
                property.accept(input);
            } catch (Throwable e) {
                throw new AssertionError("property failed on try " + (i + 1) + " of " + tries + " (replay with -D"
                        + SEED_PROPERTY + "=" + seed + "): " + e + "\ninput: " + describe(input), e);
            }
        }
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames.skip(2).findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName()).orElse("?"));
    }

    private static long firstSeed(String property) {
        String fixed = System.getProperty(SEED_PROPERTY, "").trim();
        if (fixed.equals("random")) {
            return new SplittableRandom().nextLong();
        }
        if (!fixed.isEmpty()) {
            return Long.parseLong(fixed);
        }
        long h = 0xcbf29ce484222325L; // FNV-1a of the name: the same on every JVM
        for (int i = 0; i < property.length(); i++) {
            h = (h ^ property.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * {@code input} readable in a message: arrays listed, backslashes doubled, and characters outside
     * printable ASCII written as Java's \\u escapes (so a lone surrogate or a control character shows).
     */
    public static String describe(Object input) {
        String s;
        if (input != null && input.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(input); i++) {
                items.add(Array.get(input, i));
            }
            s = items.toString();
        } else {
            s = String.valueOf(input);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_DESCRIPTION; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.length() < MAX_DESCRIPTION ? b.toString() : b + "... (" + s.length() + " chars)";
    }

    // --- numbers and choices ---

    /** True one time in {@code n}. */
    public boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    /** A boolean. */
    public boolean bool() {
        return random.nextBoolean();
    }

    /** An int from {@code min} to {@code max}, both included; the bounds more often than the rest. */
    public int between(int min, int max) {
        if (min < max && oneIn(8)) {
            return bool() ? min : max;
        }
        return (int) random.nextLong(min, (long) max + 1);
    }

    /** A long from {@code min} to {@code max}, both included; the bounds more often than the rest. */
    public long between(long min, long max) {
        if (min < max && oneIn(8)) {
            return bool() ? min : max;
        }
        if (max == Long.MAX_VALUE) {
            long r;
            do {
                r = random.nextLong();
            } while (r < min);
            return r;
        }
        return random.nextLong(min, max + 1);
    }

    /** A length from 0 to {@code max}: short ones (0 included) as often as the rest. */
    public int size(int max) {
        return bool() ? between(0, Math.min(max, 4)) : between(0, max);
    }

    /** Any int: small ones, edges and the whole range. */
    public int anyInt() {
        return switch (random.nextInt(4)) {
            case 0 -> between(-100, 100);
            case 1 -> pick(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1);
            default -> random.nextInt();
        };
    }

    /** Any long: small ones, edges and the whole range. */
    public long anyLong() {
        return switch (random.nextInt(4)) {
            case 0 -> between(-100L, 100L);
            case 1 -> pick(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE - 1,
                    (long) Integer.MAX_VALUE + 1);
            default -> random.nextLong();
        };
    }

    /** A double from 0 to 1, both included. */
    public double fraction() {
        return oneIn(10) ? (bool() ? 0.0 : 1.0) : random.nextDouble();
    }

    /** A double of any magnitude, or one of the doubles that often trouble a codec. */
    public double anyDouble() {
        return switch (random.nextInt(4)) {
            case 0 -> (random.nextDouble() - 0.5) * 2000;
            case 1 -> pick(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-7, 0.1);
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-20, 300));
        };
    }

    /** One of {@code choices}. */
    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of {@code choices}. */
    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One of the constants of {@code type}. */
    public <E extends Enum<E>> E pick(Class<E> type) {
        return pick(type.getEnumConstants());
    }

    /** The value of one of {@code generators}. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... generators) {
        return pick(generators).get();
    }

    /** An index into {@code weights}, each chosen in proportion to its weight. */
    public int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    /** {@code min} to {@code max} values of {@code element} (short lists, the empty one included, as often as longer). */
    public <T> List<T> list(int min, int max, Supplier<? extends T> element) {
        int n = min + size(max - min);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.get());
        }
        return out;
    }

    // --- text and bytes ---

    /** Any char: printable ASCII, control characters, lone surrogates, anything up to U+FFFF. */
    public char anyChar() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> (char) random.nextInt(0x20, 0x7f);
            case 3 -> (char) random.nextInt(0, 0x20);
            case 4 -> (char) random.nextInt(0xd800, 0xe000);
            default -> (char) random.nextInt(0x10000);
        };
    }

    /** Up to {@code maxLength} of any char. */
    public String string(int maxLength) {
        int n = size(maxLength);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(anyChar());
        }
        return b.toString();
    }

    /** Up to {@code maxLength} chars from {@code chars} (which holds chars, not code points: surrogates apart). */
    public String string(String chars, int maxLength) {
        return string(chars, 0, maxLength);
    }

    /** From {@code minLength} to {@code maxLength} chars from {@code chars}. */
    public String string(String chars, int minLength, int maxLength) {
        int n = minLength + size(maxLength - minLength);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }

    /** A byte, the edges more often. */
    public byte anyByte() {
        return oneIn(4) ? pick((byte) 0, (byte) -1, Byte.MIN_VALUE, Byte.MAX_VALUE) : (byte) random.nextInt(256);
    }

    /** Up to {@code maxLength} random bytes. */
    public byte[] bytes(int maxLength) {
        byte[] b = new byte[size(maxLength)];
        for (int i = 0; i < b.length; i++) {
            b[i] = anyByte();
        }
        return b;
    }

    /** {@code s} edited by one to four {@link Mutation}s writing {@code fragments}. */
    public String mutate(String s, Supplier<String> fragments) {
        return Mutation.applyAll(list(1, 4, () -> new Mutation(pick(Mutation.Kind.class), fraction(), fraction(),
                fragments.get())), s);
    }

    /** {@code b} with one to four bytes overwritten, flipped, or a range cut, deleted or repeated. */
    public byte[] mutate(byte[] b) {
        byte[] out = b.clone();
        for (int n = between(1, 4); n > 0 && out.length > 0; n--) {
            int i = random.nextInt(out.length);
            int j = i + random.nextInt(out.length - i + 1);
            switch (random.nextInt(5)) {
                case 0 -> out[i] = anyByte();
                case 1 -> out[i] ^= (byte) (1 << random.nextInt(8));
                case 2 -> out = Arrays.copyOf(out, i);
                case 3 -> {
                    byte[] d = new byte[out.length - (j - i)];
                    System.arraycopy(out, 0, d, 0, i);
                    System.arraycopy(out, j, d, i, out.length - j);
                    out = d;
                }
                default -> {
                    byte[] d = new byte[out.length + (j - i)];
                    System.arraycopy(out, 0, d, 0, j);
                    System.arraycopy(out, i, d, j, out.length - i);
                    out = d;
                }
            }
        }
        return out;
    }
}

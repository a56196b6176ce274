package io.socketeer.fuzz;

import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One edit of a valid encoding, as a fuzzer makes them: cut it short, delete a range, insert or
 * overwrite with a fragment, or repeat a range. Positions are fractions of the input's length, so one
 * mutation applies to any input; a record, so jqwik reports a failing case readably.
 *
 * @param kind     what the edit does
 * @param at       where it starts, 0 (the start) to 1 (the end)
 * @param to       where a range ends, as a fraction of what follows {@code at}
 * @param fragment what an insertion or overwrite writes
 */
public record Mutation(Kind kind, double at, double to, String fragment) implements UnaryOperator<String> {

    /** The kinds of edit. */
    public enum Kind { TRUNCATE, DELETE, INSERT, OVERWRITE, REPEAT }

    @Override
    public String apply(String s) {
        int i = (int) Math.floor(at * s.length());
        int j = i + (int) Math.floor(to * (s.length() - i));
        return switch (kind) {
            case TRUNCATE -> s.substring(0, i);
            case DELETE -> s.substring(0, i) + s.substring(j);
            case INSERT -> s.substring(0, i) + fragment + s.substring(i);
            case OVERWRITE -> s.substring(0, i) + fragment + s.substring(Math.min(s.length(), i + fragment.length()));
            case REPEAT -> s.substring(0, j) + s.substring(i, j) + s.substring(j);
        };
    }

    /** Single mutations writing fragments from {@code fragments}. */
    public static Arbitrary<Mutation> of(Arbitrary<String> fragments) {
        Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1);
        return Combinators.combine(Arbitraries.of(Kind.class), fraction, fraction, fragments).as(Mutation::new);
    }

    /** One to four mutations applied in order. */
    public static Arbitrary<List<Mutation>> several(Arbitrary<String> fragments) {
        return of(fragments).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Applies {@code mutations} to {@code s} in order. */
    public static String applyAll(List<Mutation> mutations, String s) {
        for (Mutation m : mutations) {
            s = m.apply(s);
        }
        return s;
    }
}

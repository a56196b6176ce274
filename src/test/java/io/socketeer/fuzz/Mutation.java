package io.socketeer.fuzz;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One edit of a valid encoding, as a fuzzer makes them: cut it short, delete a range, insert or
 * overwrite with a fragment, or repeat a range. Positions are fractions of the input's length, so one
 * mutation applies to any input ({@link Fuzz#mutate} makes them); a record, so a failing case reads
 * well in the message {@link Fuzz#forAll} fails with.
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

    /** Applies {@code mutations} to {@code s} in order. */
    public static String applyAll(List<Mutation> mutations, String s) {
        for (Mutation m : mutations) {
            s = m.apply(s);
        }
        return s;
    }
}

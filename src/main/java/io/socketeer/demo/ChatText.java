package io.socketeer.demo;

/**
 * Checks the text a client sends: a string, trimmed, not empty, not longer than a limit, without
 * control characters (message text may hold line breaks and tabs). Nothing is escaped: the page
 * renders text with {@code textContent}.
 *
 * <pre>{@code
 * String nickname = ChatText.line(auth.get("nickname"), "nickname", ChatText.MAX_NICKNAME);
 * // throws IllegalArgumentException("nickname is too long (at most 24 characters)")
 * }</pre>
 */
public final class ChatText {
    /** The longest nickname, in UTF-16 units (the page's {@code maxlength}). */
    public static final int MAX_NICKNAME = 24;
    /** The longest room name. */
    public static final int MAX_ROOM = 32;
    /** The longest chat message, private message or announcement. */
    public static final int MAX_MESSAGE = 500;

    private ChatText() {
    }

    /** A single line of text: a nickname or a room name. */
    public static String line(Object value, String what, int max) {
        return check(value, what, max, false);
    }

    /** A room name: a single line, in lower case so that {@code General} and {@code general} are one room. */
    public static String room(Object value) {
        return line(value, "room name", MAX_ROOM).toLowerCase(java.util.Locale.ROOT);
    }

    /** The text of a message: line breaks and tabs are kept. */
    public static String message(Object value, String what) {
        return check(value, what, MAX_MESSAGE, true);
    }

    private static String check(Object value, String what, int max, boolean multiline) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        String text = s.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (text.length() > max) {
            throw new IllegalArgumentException(what + " is too long (at most " + max + " characters)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = multiline && (c == '\n' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                throw new IllegalArgumentException(what + " contains control characters");
            }
        }
        return text;
    }
}

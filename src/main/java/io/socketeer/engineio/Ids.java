package io.socketeer.engineio;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, unguessable ids for sessions and sockets: 15 random bytes, 20 URL-safe characters. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** A new id, such as {@code Xh2k_9QbVzA0lT3mRw8e}. */
    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}

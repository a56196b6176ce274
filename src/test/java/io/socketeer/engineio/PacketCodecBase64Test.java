package io.socketeer.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Base64 binary packets in long-polling payloads, as the official clients write them. */
class PacketCodecBase64Test {

    @Test
    void plainBase64() {
        assertArrayEquals(new byte[] {1, 2, 3}, PacketCodec.decode("bAQID").binary());
    }

    /** The Java client (Android's Base64, default flags) ends with a newline and wraps at 76. */
    @Test
    void lineBreaksOfTheJavaClientAreSkipped() {
        byte[] data = new byte[200];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        String plain = Base64.getEncoder().encodeToString(data);
        StringBuilder wrapped = new StringBuilder("b");
        for (int i = 0; i < plain.length(); i += 76) {
            wrapped.append(plain, i, Math.min(plain.length(), i + 76)).append('\n');
        }
        assertArrayEquals(data, PacketCodec.decode(wrapped.toString()).binary());
        assertArrayEquals(new byte[10], PacketCodec.decode("bAAAAAAAAAAAAAA==\n").binary());
        assertArrayEquals(new byte[] {1, 2, 3}, PacketCodec.decode("bAQ\r\nID").binary());

        List<EnginePacket> payload = PacketCodec.decodePayload("451-[\"m\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID\n");
        assertArrayEquals(new byte[] {1, 2, 3}, payload.get(1).binary());
    }

    /**
     * Base64 cut short: groups of 2 or 3 characters without their padding still decode (as Node's
     * decoder does), a group cut to one character or a partial padding is broken base64, a parse error
     * (Node drops the incomplete group; the protocol closes the session on broken base64).
     */
    @Test
    void truncatedBase64() {
        assertArrayEquals(new byte[] {1, 2, 3, 4}, PacketCodec.decode("bAQIDBA").binary());
        assertArrayEquals(new byte[] {1, 2}, PacketCodec.decode("bAQI").binary());
        assertArrayEquals(new byte[] {1}, PacketCodec.decode("bAQ").binary());
        assertArrayEquals(new byte[0], PacketCodec.decode("b").binary());
        for (String cut : List.of("bAQIDB", "bA", "bAQIDBA=", "bAQ=", "b=", "b====")) {
            assertThrows(EngineParseException.class, () -> PacketCodec.decode(cut), cut);
        }
        assertThrows(EngineParseException.class, () -> PacketCodec.decodePayload("42[\"a\"]\u001ebAQIDB\u001e3"));
    }

    @Test
    void otherCharactersAreStillRefused() {
        assertThrows(EngineParseException.class, () -> PacketCodec.decode("bAQ*ID"));
        assertThrows(EngineParseException.class, () -> PacketCodec.decode("bAQID\n!"));
    }
}

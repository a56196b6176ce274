package io.socketeer.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessageLimitTest {
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<Object> delivered = new ArrayList<>();

    @Test
    void aMessageInOnePartIsDeliveredAsItIs() {
        MessageLimit limit = new MessageLimit(10, refusals::incrementAndGet);
        String part = "42[\"a\"]";
        limit.text(part, true, delivered::add);
        assertEquals(1, delivered.size());
        assertEquals(part, delivered.get(0));
        assertEquals(0, refusals.get());
    }

    @Test
    void partsAreJoinedAndTheCountStartsAgainForTheNextMessage() {
        MessageLimit limit = new MessageLimit(10, refusals::incrementAndGet);
        limit.text("12345", false, delivered::add);
        limit.text("67890", true, delivered::add);
        limit.text("abcde", false, delivered::add);
        limit.text("fghij", true, delivered::add);
        assertEquals(List.of("1234567890", "abcdefghij"), delivered);
        assertEquals(0, refusals.get());
    }

    @Test
    void aTextMessageOverTheLimitIsRefusedOnceAndNothingFollows() {
        MessageLimit limit = new MessageLimit(10, refusals::incrementAndGet);
        limit.text("123456", false, delivered::add);
        limit.text("78901", false, delivered::add);
        limit.text("2", true, delivered::add);
        limit.text("ok", true, delivered::add);
        assertEquals(List.of(), delivered);
        assertEquals(1, refusals.get());
    }

    @Test
    void theLimitCountsUtf8Bytes() {
        assertEquals(1, MessageLimit.utf8Length("a"));
        assertEquals(2, MessageLimit.utf8Length("\u00e9"));
        assertEquals(3, MessageLimit.utf8Length("\u20ac"));
        assertEquals(4, MessageLimit.utf8Length("\ud83d\ude00"));
        MessageLimit limit = new MessageLimit(6, refusals::incrementAndGet);
        limit.text("\u20ac\u20ac", true, delivered::add); // 6 bytes: fits
        limit.text("\u20ac\u20ac\u00e9", true, delivered::add); // 8 bytes in 5 chars
        assertEquals(List.of("\u20ac\u20ac"), delivered);
        assertEquals(1, refusals.get());
    }

    @Test
    void binaryPartsAreJoinedAndLimited() {
        MessageLimit limit = new MessageLimit(4, refusals::incrementAndGet);
        limit.binary(ByteBuffer.wrap(new byte[] {1, 2}), false, delivered::add);
        limit.binary(ByteBuffer.wrap(new byte[] {3, 4}), true, delivered::add);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) delivered.get(0));
        limit.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}), false, delivered::add);
        limit.binary(ByteBuffer.wrap(new byte[] {4, 5}), true, delivered::add);
        assertEquals(1, delivered.size());
        assertEquals(1, refusals.get());
        limit.binary(ByteBuffer.wrap(new byte[] {1}), true, delivered::add);
        assertEquals(1, delivered.size(), "nothing after a refusal");
    }

    @Test
    void binaryPartsAreCopiedOutOfTheContainersReusedBuffer() {
        MessageLimit limit = new MessageLimit(1_000_000, refusals::incrementAndGet);
        byte[] expected = new byte[65_536 + 100];
        new Random(7).nextBytes(expected);
        ByteBuffer containers = ByteBuffer.allocate(2048); // one buffer, refilled for every part
        for (int from = 0; from < expected.length; from += 2048) {
            int n = Math.min(2048, expected.length - from);
            containers.clear();
            containers.put(expected, from, n).flip();
            limit.binary(containers, from + n == expected.length, delivered::add);
        }
        containers.clear();
        containers.put(new byte[2048]); // the container's next use of its buffer
        containers.clear();
        containers.put(new byte[] {9, 8}).flip();
        limit.binary(containers, true, delivered::add); // a message in one part
        assertEquals(2, delivered.size());
        assertArrayEquals(expected, (byte[]) delivered.get(0));
        assertArrayEquals(new byte[] {9, 8}, (byte[]) delivered.get(1));
        assertEquals(0, refusals.get());
    }

    @Test
    void binaryPartsGoIntoAnArrayOfTheLengthTheContainerTells() {
        byte[] expected = new byte[10_000];
        new Random(11).nextBytes(expected);
        // the length right, too short (a container's wrong guess: the array grows), too long (trimmed),
        // above the limit (not taken) and unknown
        for (long told : new long[] {10_000, 3_000, 12_000, 2_000_000, -1}) {
            delivered.clear();
            MessageLimit limit = new MessageLimit(1_000_000, refusals::incrementAndGet, () -> told);
            for (int from = 0; from < expected.length; from += 2048) {
                int n = Math.min(2048, expected.length - from);
                limit.binary(ByteBuffer.wrap(expected, from, n), from + n == expected.length, delivered::add);
            }
            assertEquals(1, delivered.size(), "told " + told);
            assertArrayEquals(expected, (byte[]) delivered.get(0), "told " + told);
        }
        MessageLimit limit = new MessageLimit(4, refusals::incrementAndGet, () -> 4);
        limit.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}), false, delivered::add);
        limit.binary(ByteBuffer.wrap(new byte[] {4, 5}), true, delivered::add);
        assertEquals(1, refusals.get(), "the limit counts what comes, not what was told");
    }

    @Test
    void wholeBinaryMessagesAreLimited() {
        MessageLimit limit = new MessageLimit(3, refusals::incrementAndGet);
        limit.binary(new byte[] {1, 2, 3}, delivered::add);
        limit.binary(new byte[] {1, 2, 3, 4}, delivered::add);
        limit.binary(new byte[] {1}, delivered::add);
        assertEquals(1, delivered.size());
        assertEquals(1, refusals.get());
    }
}

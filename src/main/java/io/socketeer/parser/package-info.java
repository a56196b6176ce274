/**
 * Socket.IO v5 packets: the codec ({@link io.socketeer.parser.PacketEncoder},
 * {@link io.socketeer.parser.PacketDecoder}), binary attachments and the small JSON reader and writer
 * ({@link io.socketeer.parser.Json}) they need. Plain Java, no container or JSON-P types: argument
 * values are {@code null}, {@link java.lang.Boolean}, {@link java.lang.Number},
 * {@link java.lang.String}, {@link java.util.List}, {@link java.util.Map} and {@code byte[]}.
 */
package io.socketeer.parser;

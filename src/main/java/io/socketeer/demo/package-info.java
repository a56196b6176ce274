/**
 * The chat demo, the page a user sees first (not part of the library jar). Each class is a small
 * CDI bean whose observer methods handle one concern, in Socket.IO vocabulary:
 * <ul>
 *   <li>{@link io.socketeer.demo.NicknameMiddleware}: the nickname from the CONNECT auth payload
 *       ({@code io({auth: {nickname: "alice"}})}), refused with a clear message when empty or too long;</li>
 *   <li>{@link io.socketeer.demo.ChatRooms}: one chat room per socket ({@code lobby} by default),
 *       {@code join room} / {@code leave room}, join/leave notices, the users of a room and the list
 *       of rooms pushed on every change;</li>
 *   <li>{@link io.socketeer.demo.ChatMessages}: {@code chat message} to the current room with an
 *       acknowledgement (server id and time: the client's delivery tick), {@code private message} to
 *       a socket id, {@code typing} / {@code stop typing} (volatile);</li>
 *   <li>{@link io.socketeer.demo.AdminNamespace}: {@code /admin}, guarded by a token
 *       ({@code socketeer.demo.adminToken}, default {@code admin}), posts announcements;</li>
 *   <li>{@link io.socketeer.demo.AnnounceServlet}: {@code POST /api/announce?room=lobby}, a plain
 *       servlet that emits through the injected {@link io.socketeer.api.SocketIoServer};</li>
 *   <li>{@link io.socketeer.demo.AdminStats}: emits from a timer, {@code stats} to {@code /admin}
 *       every {@code socketeer.demo.statsInterval} seconds (default 10), with CDI and the JDK only.</li>
 * </ul>
 * Settings: {@link io.socketeer.demo.DemoConfig}. The page itself is {@code src/main/webapp/index.html}
 * ({@code ?transport=polling} keeps it on long-polling). Text is never escaped here: the page renders
 * every string with {@code textContent}. Sizes are bounded ({@link io.socketeer.demo.ChatText}).
 */
package io.socketeer.demo;

package io.socketeer.demo;

import io.socketeer.api.HandshakeContext;
import io.socketeer.cdi.OnHandshake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Namespace middleware of {@code /}: a socket joins only with a nickname in its CONNECT auth payload,
 * and optionally the room to enter (the page sends the room it was in when it reconnects). The
 * client gets a CONNECT_ERROR whose message says what is wrong.
 *
 * <pre>{@code
 * // browser
 * const socket = io({ auth: { nickname: "alice", room: "lobby" } });
 * socket.on("connect_error", err => alert(err.message));   // "nickname is too long (at most 24 characters)"
 * }</pre>
 */
@ApplicationScoped
public class NicknameMiddleware {

    void check(@Observes @OnHandshake HandshakeContext hs) {
        Map<String, Object> auth = hs.auth();
        try {
            String nickname = ChatText.line(auth.get("nickname"), "nickname", ChatText.MAX_NICKNAME);
            Object wanted = auth.get("room");
            String room = wanted == null || "".equals(wanted)
                    ? ChatRooms.LOBBY : ChatText.room(wanted);
            hs.socket().data().put(ChatUser.NICKNAME, nickname);
            hs.socket().data().put(ChatUser.ROOM, room);
        } catch (IllegalArgumentException e) {
            hs.reject(e.getMessage());
        }
    }
}

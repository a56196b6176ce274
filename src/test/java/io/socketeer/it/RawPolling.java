package io.socketeer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Engine.IO long-polling client written by hand over the JDK HTTP client. */
final class RawPolling {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Endpoints endpoints;
    final String sid;

    private RawPolling(Endpoints endpoints, String sid) {
        this.endpoints = endpoints;
        this.sid = sid;
    }

    /** Handshakes over polling; the open packet is consumed. */
    static RawPolling open(Endpoints endpoints) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoints.http("EIO=4&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = SID.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new AssertionError("handshake failed: " + r.statusCode() + " " + r.body());
        }
        return new RawPolling(endpoints, m.group(1));
    }

    URI uri() {
        return endpoints.http("EIO=4&transport=polling&sid=" + sid);
    }

    HttpResponse<String> get() throws Exception {
        return http.send(HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync() {
        return http.sendAsync(HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The packets of the next payloads that hold anything but heartbeat pings: GETs until one does,
     * answers each ping with a pong, and returns the other packets of that payload in order.
     */
    List<String> packets() throws Exception {
        while (true) {
            List<String> packets = new ArrayList<>();
            for (String packet : get().body().split("\u001e")) {
                if (packet.equals("2")) {
                    post("3");
                } else {
                    packets.add(packet);
                }
            }
            if (!packets.isEmpty()) {
                return packets;
            }
        }
    }

    HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri()).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.peerstats.gateway.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.apibuilder.ApiBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.peer.PeerKey;
import org.peerstats.gateway.peer.PeerSignature;

/**
 * A 401 from the instance a request was forwarded to refuses this instance's signature, not the
 * client's credentials (this instance checked those): the client gets a 502 that says so, never
 * the 401 that would send it to log in again. Over real HTTP, with a stand-in owner that refuses.
 */
class PeerRefusalTest {

    @Test
    void aPeersRefusalReachesTheClientAsA502NotA401() throws Exception {
        HttpServer refusingOwner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusingOwner.createContext("/", exchange -> {
            byte[] body = "{\"error\":{\"status\":401,\"code\":\"unauthorized\",\"message\":\"signature does not match\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusingOwner.start();
        RequestForwarder forwarder = new RequestForwarder(new HostInfo("127.0.0.1", 1), Duration.ofSeconds(5),
                new PeerSignature(PeerKey.configured("a-peer-secret-of-at-least-32-bytes")), Clock.systemUTC());
        Javalin front = Javalin.create(config -> {
            config.routes.apiBuilder(() -> ApiBuilder.get("/stats", ctx -> forwarder.forward(ctx,
                    new HostInfo("127.0.0.1", refusingOwner.getAddress().getPort()))));
            config.routes.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).result(e.code()));
        }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.port() + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(502, answer.statusCode());
            assertEquals(RequestForwarder.PEER_REFUSED, answer.body());
            assertTrue(answer.headers().firstValue("WWW-Authenticate").isEmpty(), "no login challenge relayed");
        } finally {
            front.stop();
            refusingOwner.stop(0);
        }
    }
}

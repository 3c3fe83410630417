package org.peerstats.gateway.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.apibuilder.ApiBuilder;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.peer.PeerKey;
import org.peerstats.gateway.peer.PeerSignature;

/**
 * Only a GET may fall back to a standby or a stale copy; a write the owner did not answer is
 * refused, and says whether it may have been carried out. The forwarder's timeout is tried over
 * real HTTP: an owner slower than it makes a {@link HttpTimeoutException}, which the router takes
 * for "sent, not answered".
 */
class WritesRunOnceTest {

    @Test
    void onlyAReadMayTryACopyAndAWriteThatReachedTheOwnerMayHaveBeenCarriedOut() {
        assertEquals(MentorRouter.OwnerSilent.TRY_A_COPY, MentorRouter.whenOwnerSilent(HandlerType.GET, true));
        assertEquals(MentorRouter.OwnerSilent.TRY_A_COPY, MentorRouter.whenOwnerSilent(HandlerType.GET, false));
        for (HandlerType write : new HandlerType[] {HandlerType.POST, HandlerType.PUT, HandlerType.DELETE}) {
            assertEquals(MentorRouter.OwnerSilent.REFUSE_MAYBE_DONE, MentorRouter.whenOwnerSilent(write, true));
            assertEquals(MentorRouter.OwnerSilent.REFUSE, MentorRouter.whenOwnerSilent(write, false));
        }
    }

    @Test
    void anOwnerSlowerThanTheTimeoutGivesATimeoutAfterTheRequestReachedIt() throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer slowOwner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowOwner.createContext("/", exchange -> {
            received.incrementAndGet();
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        slowOwner.start();
        AtomicReference<Exception> failure = new AtomicReference<>();
        RequestForwarder forwarder = forwarder(Duration.ofMillis(300));
        Javalin front = Javalin.create(config -> config.routes.apiBuilder(() -> ApiBuilder.post("/award", ctx -> {
            try {
                forwarder.forward(ctx, new HostInfo("127.0.0.1", slowOwner.getAddress().getPort()));
            } catch (IOException e) {
                failure.set(e);
                ctx.status(599);
            }
        }))).start("127.0.0.1", 0);
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.port() + "/award"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(599, answer.statusCode());
            assertTrue(failure.get() instanceof HttpTimeoutException, String.valueOf(failure.get()));
            assertEquals(1, received.get(), "the owner got the request once: it may carry it out");
        } finally {
            front.stop();
            slowOwner.stop(0);
        }
    }

    @Test
    void anOwnerThatIsNotThereIsNotATimeout() throws Exception {
        RequestForwarder forwarder = forwarder(Duration.ofSeconds(1));
        AtomicReference<Exception> failure = new AtomicReference<>();
        Javalin front = Javalin.create(config -> config.routes.apiBuilder(() -> ApiBuilder.post("/award", ctx -> {
            try {
                forwarder.forward(ctx, new HostInfo("127.0.0.1", 1)); // nothing listens on port 1
            } catch (IOException e) {
                failure.set(e);
                ctx.status(599);
            }
        }))).start("127.0.0.1", 0);
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + front.port() + "/award")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());

            assertEquals(599, answer.statusCode());
            assertTrue(failure.get() instanceof IOException && !(failure.get() instanceof HttpTimeoutException),
                    String.valueOf(failure.get()));
        } finally {
            front.stop();
        }
    }

    private static RequestForwarder forwarder(Duration timeout) {
        return new RequestForwarder(new HostInfo("127.0.0.1", 1), timeout,
                new PeerSignature(PeerKey.configured("a-peer-secret-of-at-least-32-bytes")), Clock.systemUTC());
    }
}

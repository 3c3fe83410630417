package org.peerstats.bench.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeepAliveClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void manyRequestsGoOverOneKeepAliveConnection() throws IOException {
        AtomicInteger served = new AtomicInteger();
        try (LocalHttpServer server = new LocalHttpServer()
                .on("/n", exchange -> LocalHttpServer.send(exchange, 200, "answer " + served.incrementAndGet()));
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            KeepAliveClient.Request request = KeepAliveClient.get(server.uri("/n"), "Authorization", "Bearer x");
            for (int i = 1; i <= 300; i++) {
                assertEquals(200, client.send(request));
                assertEquals("answer " + i, client.bodyText());
            }
            assertEquals(1, client.connectionsOpened());
            assertEquals(1, server.connections());
            assertEquals(300, server.requests());
        }
    }

    @Test
    void theRequestCarriesTheGivenHeadersAndTheQuery() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer().on("/echo", exchange -> LocalHttpServer.send(exchange,
                200, exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + exchange.getRequestHeaders().getFirst("Host")));
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            URI uri = server.uri("/echo/m-1?days=7");
            assertEquals(200, client.send(KeepAliveClient.get(uri, "Authorization", "Bearer abc")));
            assertEquals("/echo/m-1?days=7 Bearer abc 127.0.0.1:" + uri.getPort(), client.bodyText());
        }
    }

    @Test
    void contentLengthBodiesLargerThanTheReadBufferAreReadWhole() throws IOException {
        byte[] large = randomBytes(100_000);
        try (LocalHttpServer server = new LocalHttpServer()
                .on("/large", exchange -> {
                    exchange.sendResponseHeaders(200, large.length);
                    exchange.getResponseBody().write(large);
                })
                .answer("/small", 200, "small");
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertAnswers(client, server.uri("/large"), large);
                assertAnswers(client, server.uri("/small"), 200, "small");
            }
            assertEquals(1, client.connectionsOpened());
        }
    }

    @Test
    void chunkedBodiesAreReassembledAndTheConnectionStaysInStep() throws IOException {
        byte[] large = randomBytes(70_001);
        try (LocalHttpServer server = new LocalHttpServer()
                .on("/chunked", exchange -> LocalHttpServer.sendChunked(exchange, large, 1_000))
                .on("/tiny", exchange -> LocalHttpServer.sendChunked(exchange, "{\"a\":1}".getBytes(), 3));
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertAnswers(client, server.uri("/chunked"), large);
                assertAnswers(client, server.uri("/tiny"), 200, "{\"a\":1}");
            }
            assertEquals(1, client.connectionsOpened());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void nonOkAndEmptyAnswersAreReadWithoutLosingTheConnection() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer()
                .answer("/missing", 404, "{\"error\":\"not found\"}")
                .on("/empty", exchange -> exchange.sendResponseHeaders(204, -1))
                .answer("/ok", 200, "ok");
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            assertAnswers(client, server.uri("/missing"), 404, "{\"error\":\"not found\"}");
            assertAnswers(client, server.uri("/empty"), 204, "");
            assertAnswers(client, server.uri("/ok"), 200, "ok");
            assertEquals(1, client.connectionsOpened());
        }
    }

    @Test
    void aServerThatSaysConnectionCloseGetsANewConnectionForEachRequest() throws IOException {
        try (LocalHttpServer server = new LocalHttpServer().on("/bye", exchange -> {
            exchange.getResponseHeaders().set("Connection", "close");
            LocalHttpServer.send(exchange, 200, "bye");
        });
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertAnswers(client, server.uri("/bye"), 200, "bye");
            }
            assertEquals(3, client.connectionsOpened());
            assertEquals(3, server.connections());
        }
    }

    @Test
    void aKeptAliveConnectionTheServerClosedSilentlyIsReopenedAndTheRequestSentAgain() throws Exception {
        // answers one request per connection, then closes it without saying so (like an idle timeout)
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);
        try (RawServer server = new RawServer(answer, true);
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertAnswers(client, server.uri(), 200, "hello");
                server.awaitClosed(i + 1);
            }
            assertEquals(3, client.connectionsOpened());
            assertEquals(3, server.accepted.get());
        }
    }

    @Test
    void anAnswerWithNeitherContentLengthNorChunkingIsRefused() throws Exception {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close"
                .getBytes(StandardCharsets.US_ASCII);
        try (RawServer server = new RawServer(answer, true);
             KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            ProtocolException refused = assertThrows(ProtocolException.class,
                    () -> client.send(KeepAliveClient.get(server.uri())));
            assertEquals("answer 200 has neither Content-Length nor chunked encoding", refused.getMessage());
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        try (RawServer server = new RawServer(null, false);
             KeepAliveClient client = new KeepAliveClient(Duration.ofMillis(300))) {
            long started = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> client.send(KeepAliveClient.get(server.uri())));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 250 && millis < 5_000, "timed out after " + millis + " ms");
        }
    }

    @Test
    void javalinJsonAnswersAndLargeChunkedOnesAreReadOnOneConnection() throws IOException {
        byte[] large = randomBytes(200_000);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.get("/large", ctx -> ctx.result(large));
        }).start(InetAddress.getLoopbackAddress().getHostAddress(), 0);
        try (KeepAliveClient client = new KeepAliveClient(TIMEOUT)) {
            URI base = URI.create("http://127.0.0.1:" + app.port());
            for (int i = 0; i < 5; i++) {
                assertAnswers(client, base.resolve("/health/live"), 200, "{\"status\":\"up\"}");
                assertAnswers(client, base.resolve("/large"), large);
                assertEquals(404, client.send(KeepAliveClient.get(base.resolve("/nowhere"))));
            }
            assertEquals(1, client.connectionsOpened());
        } finally {
            app.stop();
        }
    }

    @Test
    void onlyThisMachineIsATarget() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KeepAliveClient.get(URI.create("http://10.20.30.40:8080/health/live")));
        assertEquals("the benchmark only sends requests to this machine, not to http://10.20.30.40:8080/health/live",
                refused.getMessage());
    }

    /** Sends a GET of {@code uri} and checks the answer's status and body. */
    private static void assertAnswers(KeepAliveClient client, URI uri, int status, String body) throws IOException {
        assertEquals(status, client.send(KeepAliveClient.get(uri)), uri.toString());
        assertEquals(body, client.bodyText(), uri.toString());
    }

    /** Sends a GET of {@code uri} and checks that the answer is 200 with exactly these bytes. */
    private static void assertAnswers(KeepAliveClient client, URI uri, byte[] body) throws IOException {
        assertEquals(200, client.send(KeepAliveClient.get(uri)), uri.toString());
        assertArrayEquals(body, Arrays.copyOf(client.body(), client.bodyLength()), uri.toString());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /**
     * A bare HTTP/1.1 server on a socket, for what the JDK server will not do: it reads a request
     * head and writes {@code answer} (or nothing, if null), then closes the connection if told to,
     * without a {@code Connection: close} header.
     */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final Thread thread;

        RawServer(byte[] answer, boolean closeAfterAnswer) throws IOException {
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        accepted.incrementAndGet();
                        readRequestHead(connection.getInputStream());
                        if (answer == null) {
                            connection.getInputStream().read(); // until the client gives up
                            continue;
                        }
                        OutputStream out = connection.getOutputStream();
                        out.write(answer);
                        out.flush();
                        if (!closeAfterAnswer) {
                            connection.getInputStream().read();
                        }
                    } catch (IOException e) {
                        // the client went away or the server is closing
                    } finally {
                        synchronized (closed) {
                            closed.incrementAndGet();
                            closed.notifyAll();
                        }
                    }
                }
            }, "raw-http-server");
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        /** Waits until the server has closed {@code count} connections. */
        void awaitClosed(int count) throws InterruptedException {
            synchronized (closed) {
                while (closed.get() < count) {
                    closed.wait(5_000);
                }
            }
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("request ended early");
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }
}

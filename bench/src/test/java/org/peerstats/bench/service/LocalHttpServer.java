package org.peerstats.bench.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's own HTTP/1.1 server on a free loopback port, for testing the load client against
 * real HTTP. It remembers the client ports it was reached from (one per connection) and counts
 * requests.
 */
final class LocalHttpServer implements AutoCloseable {

    static {
        // The JDK server writes the head and the body of an answer apart; with Nagle's algorithm
        // on its side and delayed ACKs on the client's, every answer would wait ~40 ms. Read once,
        // when the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers {@code path} with the handler, after noting the connection. */
    LocalHttpServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            requests.incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    /** Answers {@code path} with {@code status} and {@code body} (with a Content-Length). */
    LocalHttpServer answer(String path, int status, String body) {
        return on(path, exchange -> send(exchange, status, body));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How many connections requests came in on. */
    int connections() {
        return clientPorts.size();
    }

    int requests() {
        return requests.get();
    }

    /** Sends {@code body} with a Content-Length. */
    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends {@code body} chunked, in writes of {@code piece} bytes (each becomes a chunk). */
    static void sendChunked(HttpExchange exchange, byte[] body, int piece) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int from = 0; from < body.length; from += piece) {
                out.write(body, from, Math.min(piece, body.length - from));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

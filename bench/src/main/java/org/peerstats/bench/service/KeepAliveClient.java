package org.peerstats.bench.service;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A lean, blocking HTTP/1.1 client for load generation: one keep-alive {@link Socket} to this
 * machine, GET requests encoded to bytes once, answers parsed in place. Per request it does one
 * socket write and as few reads as the answer needs, on the calling thread: no selector thread,
 * no hand-offs between threads, nothing allocated once its buffers have grown to the answers. So
 * the load generator takes little of the CPU the measured server shares with it, as a tool like
 * wrk does.
 *
 * <p>An answer is read whole: its status line, its headers, and a body delimited by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked} (an answer with neither is
 * refused as a protocol error, since its end would only be the connection's). The body goes into
 * a buffer the client reuses, valid until the next request. The connection is closed when the
 * server says {@code Connection: close}, after any I/O error or timeout, and reopened by the next
 * request. If a reused connection turns out to have been closed by the server before any byte of
 * the answer arrived (an idle timeout), the request is sent once more on a new connection: GET is
 * idempotent.
 *
 * <p>Not thread-safe: one client per thread. Only loopback targets are accepted.
 */
public final class KeepAliveClient implements AutoCloseable {

    /** A GET request, encoded once and shared read-only by any number of clients. */
    public static final class Request {
        private final URI uri;
        private final InetSocketAddress address;
        private final byte[] bytes;

        private Request(URI uri, InetSocketAddress address, byte[] bytes) {
            this.uri = uri;
            this.address = address;
            this.bytes = bytes;
        }

        public URI uri() {
            return uri;
        }

        @Override
        public String toString() {
            return "GET " + uri;
        }
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private final int timeoutMillis;
    private Socket socket;
    private InetSocketAddress connectedTo;
    private InputStream in;
    private OutputStream out;
    private boolean reused;
    private long connectionsOpened;

    private final byte[] input = new byte[16 * 1024];
    private int inputPosition;
    private int inputLimit;
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] body = new byte[16 * 1024];
    private int bodyLength;

    /** @param timeout for connecting and for each read of an answer */
    public KeepAliveClient(Duration timeout) {
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * A GET of {@code uri} with the given headers (name, value, name, value, ...) besides
     * {@code Host} and {@code Connection: keep-alive}.
     */
    public static Request get(URI uri, String... headers) {
        requireLoopback(uri);
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : 80;
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only plain http: " + uri);
        }
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder text = new StringBuilder(128).append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            text.append(headerText(headers[i])).append(": ").append(headerText(headers[i + 1])).append("\r\n");
        }
        text.append("Connection: keep-alive\r\n\r\n");
        return new Request(uri, new InetSocketAddress(uri.getHost(), port),
                text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Refuses any target but this machine: the benchmark never sends requests elsewhere. */
    static void requireLoopback(URI uri) {
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("the benchmark only sends requests to this machine, not to " + uri);
        }
    }

    /**
     * Sends the request and reads the whole answer.
     *
     * @return the status code; the body is in {@link #body()} until the next request
     * @throws IOException when the connection fails, times out or the answer is not valid HTTP/1.1;
     *                     the connection is closed then
     */
    public int send(Request request) throws IOException {
        bodyLength = 0;
        try {
            if (socket != null && !request.address.equals(connectedTo)) {
                closeConnection();
            }
            boolean retryable = socket != null && reused;
            if (socket == null) {
                connect(request.address);
            }
            boolean answering;
            try {
                answering = sendAndAwaitAnswer(request);
            } catch (SocketTimeoutException e) {
                throw e; // a slow server, not a stale connection
            } catch (IOException e) {
                if (!retryable) {
                    throw e;
                }
                answering = false;
            }
            if (!answering) {
                if (!retryable) {
                    throw new EOFException("the server closed the connection without answering");
                }
                // a kept-alive connection the server had closed meanwhile: once more on a new one
                closeConnection();
                connect(request.address);
                if (!sendAndAwaitAnswer(request)) {
                    throw new EOFException("the server closed a new connection without answering");
                }
            }
            readLine();
            int status = readAnswer();
            reused = true;
            return status;
        } catch (IOException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** The last answer's body: the client's own buffer, valid up to {@link #bodyLength()} until the next request. */
    public byte[] body() {
        return body;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** The last answer's body as UTF-8 text. */
    public String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /** How many connections this client has opened so far (1 while keep-alive holds). */
    public long connectionsOpened() {
        return connectionsOpened;
    }

    @Override
    public void close() {
        closeConnection();
    }

    private void connect(InetSocketAddress address) throws IOException {
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + address);
        }
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(timeoutMillis);
            opened.connect(address, timeoutMillis);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
        connectedTo = address;
        in = opened.getInputStream();
        out = opened.getOutputStream();
        inputPosition = 0;
        inputLimit = 0;
        reused = false;
        connectionsOpened++;
    }

    private void closeConnection() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted; the next request opens a new connection
            }
            socket = null;
            connectedTo = null;
            in = null;
            out = null;
        }
    }

    /** Writes the request; true once the first bytes of an answer are in, false if the connection ended first. */
    private boolean sendAndAwaitAnswer(Request request) throws IOException {
        out.write(request.bytes);
        return inputPosition < inputLimit || fill();
    }

    /** Parses the status line already read, skips any 1xx interim answers, reads headers and body. */
    private int readAnswer() throws IOException {
        while (true) {
            boolean http10 = isHttp10StatusLine();
            int status = statusCode();
            long contentLength = -1;
            boolean chunked = false;
            boolean close = http10;
            int headerBytes = lineLength;
            while (true) {
                readLine();
                headerBytes += lineLength + 2;
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new ProtocolException("response headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (lineLength == 0) {
                    break;
                }
                int colon = indexOf(line, lineLength, (byte) ':');
                if (colon <= 0) {
                    throw new ProtocolException("malformed header line: " + lineText());
                }
                int valueStart = skipSpaces(colon + 1);
                int valueEnd = trimEnd(valueStart);
                if (regionIs(0, colon, CONTENT_LENGTH)) {
                    long length = parseNumber(valueStart, valueEnd, 10, 18, "Content-Length");
                    if (contentLength >= 0 && contentLength != length) {
                        throw new ProtocolException("conflicting Content-Length headers");
                    }
                    contentLength = length;
                } else if (regionIs(0, colon, TRANSFER_ENCODING)) {
                    // we send no TE or Accept-Encoding, so chunked is the only coding to expect
                    chunked = regionIs(valueStart, valueEnd, CHUNKED);
                    if (!chunked) {
                        throw new ProtocolException("unsupported Transfer-Encoding: " + lineText());
                    }
                } else if (regionIs(0, colon, CONNECTION)) {
                    if (containsIgnoreCase(valueStart, valueEnd, CLOSE)) {
                        close = true;
                    } else if (containsIgnoreCase(valueStart, valueEnd, KEEP_ALIVE)) {
                        close = false;
                    }
                }
            }
            if (status >= 100 && status < 200) {
                readLine();
                continue;
            }
            if (status == 204 || status == 304) {
                // no body, whatever the headers say
            } else if (chunked) {
                readChunkedBody();
            } else if (contentLength >= 0) {
                readBody(contentLength);
            } else {
                throw new ProtocolException("answer " + status + " has neither Content-Length nor chunked encoding");
            }
            if (close) {
                closeConnection();
            }
            return status;
        }
    }

    private boolean isHttp10StatusLine() throws ProtocolException {
        if (lineLength < 12 || !startsWith("HTTP/1.") || line[8] != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line: " + lineText());
        }
        return line[7] == '0';
    }

    private int statusCode() throws ProtocolException {
        int status = 0;
        for (int i = 9; i < 12; i++) {
            byte b = line[i];
            if (b < '0' || b > '9') {
                throw new ProtocolException("bad status code: " + lineText());
            }
            status = status * 10 + (b - '0');
        }
        if (lineLength > 12 && line[12] != ' ') {
            throw new ProtocolException("bad status code: " + lineText());
        }
        return status;
    }

    private void readChunkedBody() throws IOException {
        while (true) {
            readLine();
            int end = indexOf(line, lineLength, (byte) ';');
            long size = parseNumber(0, trimEnd(0, end < 0 ? lineLength : end), 16, 15, "chunk size");
            if (size == 0) {
                do {
                    readLine(); // trailer fields, if any, up to the empty line
                } while (lineLength > 0);
                return;
            }
            readBody(size);
            readLine();
            if (lineLength != 0) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    /** Appends {@code length} bytes of the connection to the body. */
    private void readBody(long length) throws IOException {
        if (bodyLength + length > MAX_BODY_BYTES) {
            throw new ProtocolException("body longer than " + MAX_BODY_BYTES + " bytes");
        }
        int needed = bodyLength + (int) length;
        if (needed > body.length) {
            body = Arrays.copyOf(body, Math.max(needed, body.length * 2));
        }
        while (bodyLength < needed) {
            if (inputPosition == inputLimit) {
                int wanted = needed - bodyLength;
                if (wanted >= input.length) {
                    // large remainder: straight into the body
                    int read = in.read(body, bodyLength, wanted);
                    if (read < 0) {
                        throw new EOFException("connection closed in the middle of a body");
                    }
                    bodyLength += read;
                    continue;
                }
                if (!fill()) {
                    throw new EOFException("connection closed in the middle of a body");
                }
            }
            int n = Math.min(needed - bodyLength, inputLimit - inputPosition);
            System.arraycopy(input, inputPosition, body, bodyLength, n);
            inputPosition += n;
            bodyLength += n;
        }
    }

    /** Reads one line (up to CRLF, or a bare LF) into {@link #line}, without the line end. */
    private void readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (inputPosition == inputLimit && !fill()) {
                throw new EOFException("connection closed in the middle of an answer");
            }
            byte b = input[inputPosition++];
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return;
            }
            if (lineLength == line.length) {
                if (line.length >= MAX_HEADER_BYTES) {
                    throw new ProtocolException("line longer than " + MAX_HEADER_BYTES + " bytes");
                }
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
    }

    /** Reads what the connection has into the empty input buffer; false at its end. */
    private boolean fill() throws IOException {
        int read = in.read(input, 0, input.length);
        if (read <= 0) {
            return false;
        }
        inputPosition = 0;
        inputLimit = read;
        return true;
    }

    /** Whether {@code line[from..to)} is {@code lowerCase}, ignoring ASCII case. */
    private boolean regionIs(int from, int to, byte[] lowerCase) {
        return to - from == lowerCase.length && regionEqualsIgnoreCase(from, lowerCase);
    }

    private boolean regionEqualsIgnoreCase(int from, byte[] lowerCase) {
        for (int i = 0; i < lowerCase.length; i++) {
            byte b = line[from + i];
            if (b >= 'A' && b <= 'Z') {
                b = (byte) (b + ('a' - 'A'));
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int from, int to, byte[] lowerCase) {
        for (int i = from; i + lowerCase.length <= to; i++) {
            if (regionEqualsIgnoreCase(i, lowerCase)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWith(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (line[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int skipSpaces(int from) {
        while (from < lineLength && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        return from;
    }

    private int trimEnd(int from) {
        return trimEnd(from, lineLength);
    }

    private int trimEnd(int from, int to) {
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    /** The number in {@code line[from..to)}, in the given radix, of at most {@code maxDigits} digits. */
    private long parseNumber(int from, int to, int radix, int maxDigits, String what) throws ProtocolException {
        if (from == to || to - from > maxDigits) {
            throw new ProtocolException("bad " + what + ": " + lineText());
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(line[i], radix);
            if (digit < 0) {
                throw new ProtocolException("bad " + what + ": " + lineText());
            }
            value = value * radix + digit;
        }
        return value;
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private String lineText() {
        return new String(line, 0, Math.min(lineLength, 200), StandardCharsets.ISO_8859_1);
    }

    private static String headerText(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header may not contain a line break");
        }
        return text;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

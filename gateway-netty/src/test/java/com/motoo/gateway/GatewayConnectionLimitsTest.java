package com.motoo.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the gateway does about connections that misbehave at the TCP level, through a started
 * server's real pipeline and raw sockets (idle time 1 s here): idle and half-sent HTTP connections
 * are closed; a silent WebSocket is pinged, kept while it answers and closed (1001) when it does
 * not; a client that sends without reading is no longer read from, so it cannot fill the gateway's
 * memory with answers; a ping flood is answered only up to the connection's rate limit.
 */
@Tag("system")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GatewayConnectionLimitsTest {
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private RunningGateway gateway;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        final Properties p = LocalGateway.settings(dir);
        p.setProperty(Configuration.IDLE_SECONDS, "1");
        p.setProperty(Configuration.WS_AUTH_TIMEOUT_MILLIS, "30000");
        p.setProperty(Configuration.WS_RATE_PER_SECOND, "10");
        p.setProperty(Configuration.WS_RATE_BURST, "20");
        p.setProperty(Configuration.WS_RATE_STRIKES, "1000000");
        gateway = RunningGateway.start(dir, p, 2);
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Socket connect(int receiveBuffer) throws IOException {
        final Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.server().port()));
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** @return a socket past the WebSocket handshake to /ws (not authenticated) */
    private Socket webSocket() throws IOException {
        final Socket socket = connect(0);
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        final String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            final int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A server frame (unmasked, payload under 126 bytes, as pings and closes are): {opcode, payload...}. */
    private static int[] readFrame(InputStream in) throws IOException {
        final DataInputStream data = new DataInputStream(in);
        final int opcode = data.readUnsignedByte() & 0x0F;
        final int length = data.readUnsignedByte() & 0x7F;
        final int[] frame = new int[1 + length];
        frame[0] = opcode;
        for (int i = 1; i <= length; i++) {
            frame[i] = data.readUnsignedByte();
        }
        return frame;
    }

    /** @return a client frame (masked, with a zero key) carrying no payload */
    private static byte[] clientFrame(int opcode) {
        return new byte[] {(byte) (0x80 | opcode), (byte) 0x80, 0, 0, 0, 0};
    }

    @Test
    void shouldCloseAnHttpConnectionThatSendsNothingOrStopsHalfWayThroughARequest() throws Exception {
        try (Socket silent = connect(0); Socket halfWay = connect(0)) {
            halfWay.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, silent.getInputStream().read(), "closed by the server");
            assertEquals(-1, halfWay.getInputStream().read(), "closed by the server");
        }
    }

    @Test
    void shouldPingASilentWebSocketKeepItWhileItAnswersAndCloseItWhenItStopsAnswering() throws Exception {
        try (Socket socket = webSocket()) {
            final InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                assertEquals(OP_PING, readFrame(in)[0]);
                socket.getOutputStream().write(clientFrame(OP_PONG));
            }
            assertEquals(OP_PING, readFrame(in)[0], "still open, pinged again");
            final int[] close = readFrame(in);
            assertEquals(OP_CLOSE, close[0], Arrays.toString(close));
            assertEquals(1001, close[1] << 8 | close[2]);
        }
    }

    @Test
    void shouldAnswerPingsOnlyUpToTheRateLimit() throws Exception {
        try (Socket socket = webSocket()) {
            final byte[] pings = new byte[200 * 6];
            for (int i = 0; i < 200; i++) {
                System.arraycopy(clientFrame(OP_PING), 0, pings, i * 6, 6);
            }
            socket.getOutputStream().write(pings);
            socket.getOutputStream().flush();
            socket.setSoTimeout(500);
            int pongs = 0;
            try {
                while (readFrame(socket.getInputStream())[0] == OP_PONG) {
                    pongs++;
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // nothing more came
            }
            assertTrue(pongs >= 20 && pongs < 40, "the burst of 20 and what refilled meanwhile, not 200: " + pongs);
        }
    }

    /**
     * A client that pipelines requests and never reads their answers: the gateway stops reading once
     * its answers pile up, so the client's writes stall after a few megabytes (the sockets' buffers)
     * rather than the gateway taking in the whole 64 MB and holding every answer in memory.
     */
    @Test
    void shouldStopReadingFromAClientThatDoesNotReadItsAnswers() throws Exception {
        final byte[] request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        final byte[] chunk = new byte[request.length * 1024];
        for (int i = 0; i < 1024; i++) {
            System.arraycopy(request, 0, chunk, i * request.length, request.length);
        }
        final long limit = 64L * 1024 * 1024;
        final AtomicLong written = new AtomicLong();
        try (Socket socket = connect(4096)) {
            final Thread writer = new Thread(() -> {
                try {
                    final OutputStream out = socket.getOutputStream();
                    while (written.get() < limit) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closedByTheServer) {
                    // the idle timeout closed the stalled connection: also an outcome of the test
                }
            }, "pipelining-client");
            writer.setDaemon(true);
            writer.start();
            long last = -1;
            for (int stalledSeconds = 0; stalledSeconds < 3 && written.get() < limit; ) {
                stalledSeconds = written.get() == last ? stalledSeconds + 1 : 0;
                last = written.get();
                Thread.sleep(1_000);
            }
            assertTrue(written.get() < limit / 4, "the client's writes stall: " + written.get() + " bytes taken");
        }
    }
}

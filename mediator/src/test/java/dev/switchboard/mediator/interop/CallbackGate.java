package dev.switchboard.mediator.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP gate on loopback in front of a relay's callback port (the relay's {@code --endpoint}): open, it pipes
 * each connection to the relay; held, it accepts connections and forwards nothing, so a mediator's {@code send}
 * callback hangs as to a stalled relay. Connections accepted while held are dropped when it opens again.
 */
final class CallbackGate implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile boolean holding;

    CallbackGate(int targetPort) {
        this.target = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    /** The base URI mediators call instead of the relay's own. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on new connections hang (nothing reaches the relay). */
    void hold() {
        holding = true;
    }

    /** From now on connections reach the relay; the held ones are closed. */
    void open() {
        holding = false;
        for (Socket s : held) {
            closeQuietly(s);
        }
        held.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                if (holding) {
                    held.add(in);
                    continue;
                }
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread.ofVirtual().start(() -> pipe(in, out));
                Thread.ofVirtual().start(() -> pipe(out, in));
            } catch (IOException e) {
                // closed, or the relay refused: the caller sees its connection fail
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        open();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}

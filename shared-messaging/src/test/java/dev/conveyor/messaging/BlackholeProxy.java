package dev.conveyor.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy for tests that can turn into a black hole: it then stops forwarding in both directions and swallows
 * what it receives, without closing a socket, as a network partition or a half-open connection would. Neither side
 * gets an error; only timeouts can tell.
 */
final class BlackholeProxy implements AutoCloseable {

    private final ServerSocket server;

    private final String targetHost;

    private final int targetPort;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile boolean blackhole;

    private volatile boolean open = true;

    BlackholeProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread.ofPlatform().daemon().name("blackhole-proxy-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on nothing goes through, in either direction, on existing or new connections. */
    void blackhole() {
        blackhole = true;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (blackhole) {
                    // Accepted, then silence: as if the packets were lost on the way.
                    Thread.ofPlatform().daemon().start(() -> pump(client, OutputStream.nullOutputStream()));
                    continue;
                }
                Socket target = new Socket(targetHost, targetPort);
                sockets.add(target);
                Thread.ofPlatform().daemon().start(() -> pumpUntilBlackhole(client, target));
                Thread.ofPlatform().daemon().start(() -> pumpUntilBlackhole(target, client));
            }
            catch (IOException ex) {
                // closed, or the target refused: the client sees its connection closed
            }
        }
    }

    private void pumpUntilBlackhole(Socket from, Socket to) {
        try {
            pump(from, to.getOutputStream());
        }
        catch (IOException ex) {
            // closed
        }
    }

    /** Copies bytes, or drops them once the proxy is a black hole; returns when the source closes. */
    private void pump(Socket from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!blackhole) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            }
        }
        catch (IOException ex) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

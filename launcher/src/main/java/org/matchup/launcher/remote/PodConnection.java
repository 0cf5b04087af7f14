package org.matchup.launcher.remote;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/**
 * An SSH connection to a pod with Apache MINA SSHD, authenticated by the launch's key pair, that reconnects when
 * it drops: {@link #sftp} and {@link #exec} run an operation and, when the connection fails under it, connect again
 * and run it again (up to a number of reconnects with a growing pause). An SFTP status answer (no such file,
 * permission denied) is the server's word and is not retried.
 *
 * <p>The pod's host key is unknown before it starts, so the first key seen is pinned and every reconnect must
 * present the same one (trust on first use, per launch). TODO(#6): the first connection cannot tell the pod from
 * a man in the middle; RunPod's API does not report the pod's host key, so nothing better is at hand.
 *
 * <p>Thread safe: operations are serialised.
 */
public final class PodConnection implements Closeable {

    /** One operation on an SFTP session. */
    @FunctionalInterface
    public interface SftpCall<T> {
        /**
         * @param sftp the session
         * @return the result
         * @throws IOException if it fails
         */
        T call(SftpClient sftp) throws IOException;
    }

    /**
     * A remote command's end.
     *
     * @param exitStatus its exit status, or -1 when none came
     * @param output its standard output and error
     */
    public record ExecResult(int exitStatus, String output) {
    }

    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    private final String user;
    private final KeyPair keys;
    private final Consumer<String> notices;
    private final int maxReconnects;
    private final SshClient client;
    private String host;
    private int port;
    private volatile PublicKey pinnedHostKey;
    private ClientSession session;
    private SftpClient sftp;

    /**
     * @param user the user on the pod, {@code root} on RunPod
     * @param keys the launch's key pair
     * @param maxReconnects reconnects allowed for one operation
     * @param notices receives a line when the connection drops and is made again
     */
    public PodConnection(String user, KeyPair keys, int maxReconnects, Consumer<String> notices) {
        this.user = user;
        this.keys = keys;
        this.maxReconnects = maxReconnects;
        this.notices = notices;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(this::verifyHostKey);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(15));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 4);
        client.start();
    }

    /**
     * Connects, trying again every few seconds until the pod's SSH server answers (it starts after the pod
     * reports RUNNING) or the time is up.
     *
     * @param host the pod's public IP
     * @param port the public port of its port 22
     * @param timeout how long to keep trying
     * @param stop whether to give up early (interrupt, cost cap)
     * @throws IOException if no connection could be made in time
     */
    public synchronized void connect(String host, int port, Duration timeout, BooleanSupplier stop)
            throws IOException {
        this.host = host;
        this.port = port;
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        for (int attempt = 1; System.nanoTime() < deadline && !stop.getAsBoolean(); attempt++) {
            try {
                open();
                return;
            } catch (IOException e) {
                last = e;
                if (attempt == 1 || attempt % 10 == 0) {
                    notices.accept("SSH to " + host + ":" + port + " not ready yet (" + describe(e)
                            + "); trying again");
                }
                sleep(Math.min(3000, 250L * attempt));
            }
        }
        throw new IOException("no SSH connection to the pod at " + host + ":" + port + " within "
                + timeout.toSeconds() + " s" + (last == null ? "" : " (" + describe(last) + ")"));
    }

    /**
     * Runs an SFTP operation, reconnecting and running it again when the connection fails under it.
     *
     * @param <T> the result's type
     * @param call the operation; it must be safe to run again from the start
     * @return its result
     * @throws IOException if it fails with an SFTP status, or the connection cannot be made again
     */
    public synchronized <T> T sftp(SftpCall<T> call) throws IOException {
        for (int reconnect = 0; ; reconnect++) {
            try {
                if (sftp == null || !sftp.isOpen()) {
                    ensureSession();
                    sftp = SftpClientFactory.instance().createSftpClient(session);
                }
                return call.call(sftp);
            } catch (SftpException e) {
                throw e;
            } catch (IOException e) {
                reconnectOrThrow(reconnect, e);
            }
        }
    }

    /**
     * Runs a command on the pod and waits for its end.
     *
     * @param command a shell command line
     * @param timeout how long to wait for its end
     * @param retry whether to run it again after a dropped connection (only for commands that may run twice)
     * @return its exit status and output
     * @throws IOException if it cannot be run, or does not end in time
     */
    public synchronized ExecResult exec(String command, Duration timeout, boolean retry) throws IOException {
        for (int reconnect = 0; ; reconnect++) {
            try {
                ensureSession();
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                try (ChannelExec channel = session.createExecChannel(command)) {
                    channel.setOut(output);
                    channel.setErr(output);
                    channel.open().verify(OPERATION_TIMEOUT);
                    Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                    if (events.contains(ClientChannelEvent.TIMEOUT)) {
                        throw new InterruptedIOException("the command on the pod did not end within "
                                + timeout.toSeconds() + " s: " + command);
                    }
                    Integer status = channel.getExitStatus();
                    return new ExecResult(status == null ? -1 : status, output.toString(StandardCharsets.UTF_8));
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (!retry) {
                    closeSession();
                    throw e;
                }
                reconnectOrThrow(reconnect, e);
            }
        }
    }

    /** Closes the connection and the client. */
    @Override
    public synchronized void close() {
        closeSession();
        client.stop();
    }

    private void reconnectOrThrow(int reconnect, IOException e) throws IOException {
        closeSession();
        if (reconnect >= maxReconnects) {
            throw new IOException("the SSH connection to the pod failed " + (reconnect + 1) + " times; last: "
                    + describe(e), e);
        }
        notices.accept("SSH connection to the pod lost (" + describe(e) + "); reconnecting");
        sleep(Math.min(10_000, 500L << Math.min(reconnect, 5)));
    }

    private void ensureSession() throws IOException {
        if (session == null || !session.isOpen() || session.isClosing()) {
            closeSession();
            open();
        }
    }

    private void open() throws IOException {
        if (host == null) {
            throw new IllegalStateException("connect first");
        }
        ClientSession opened = client.connect(user, host, port).verify(OPERATION_TIMEOUT).getSession();
        try {
            opened.addPublicKeyIdentity(keys);
            opened.auth().verify(OPERATION_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            opened.close(true);
            throw e;
        }
        session = opened;
    }

    private void closeSession() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException e) {
                // Closing what failed: nothing more to do.
            }
            sftp = null;
        }
        if (session != null) {
            session.close(true);
            session = null;
        }
    }

    private boolean verifyHostKey(ClientSession clientSession, SocketAddress address, PublicKey key) {
        if (pinnedHostKey == null) {
            pinnedHostKey = key;
            return true;
        }
        boolean same = KeyUtils.compareKeys(pinnedHostKey, key);
        if (!same) {
            notices.accept("the pod's SSH host key changed since the first connection; refusing to connect");
        }
        return same;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}

package org.matchup.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A fake pod: an Apache MINA SSHD server on loopback whose exec commands run locally under bash, with SFTP on
 * the local file system, accepting only the public key the launch gave RunPod. Faults: the connection can be
 * dropped once after so many bytes were written (mid-upload) or read (mid-download). Terminating it kills the
 * processes the run script recorded, as a real pod's end would. Thread safe.
 */
public final class FakePod implements AutoCloseable {

    private final SshServer server;
    private final Path directory;
    private final Map<String, String> environment;
    private volatile PublicKey authorized;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private volatile long dropAfterWritten = Long.MAX_VALUE;
    private volatile long dropAfterRead = Long.MAX_VALUE;
    private final AtomicInteger drops = new AtomicInteger();
    private final List<Long> resumedWriteOffsets = new ArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();

    /**
     * @param directory the pod's file system root for the run (its run directory goes under it)
     * @param environment variables every command gets, such as {@code MATCHUP_JAVA}
     */
    public FakePod(Path directory, Map<String, String> environment) throws IOException {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider();
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) -> user.equals("root") && authorized != null
                && KeyUtils.compareKeys(authorized, key));
        server.setCommandFactory((channel, command) -> new LocalCommand(command, this.environment));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen) throws IOException {
                if (drops.get() > 0 && offset > 0) {
                    synchronized (resumedWriteOffsets) {
                        resumedWriteOffsets.add(offset);
                    }
                }
                if (written.addAndGet(dataLen) > dropAfterWritten && drops.compareAndSet(0, 1)) {
                    session.close(true);
                    throw new IOException("connection dropped by the test");
                }
            }

            @Override
            public void reading(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen) throws IOException {
                if (read.addAndGet(dataLen) > dropAfterRead && drops.compareAndSet(0, 1)) {
                    session.close(true);
                    throw new IOException("connection dropped by the test");
                }
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** The run directory the launch should use on this pod. */
    public String runDirectory() {
        return directory.resolve("run").toAbsolutePath().toString();
    }

    /** Accepts the key RunPod was given in the create request's env.PUBLIC_KEY. */
    public void authorize(String authorizedKeyLine) {
        try {
            authorized = AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorizedKeyLine)
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an authorized_keys line: " + authorizedKeyLine, e);
        }
    }

    public FakePod dropAfterWritten(long bytes) {
        dropAfterWritten = bytes;
        return this;
    }

    public FakePod dropAfterRead(long bytes) {
        dropAfterRead = bytes;
        return this;
    }

    public int drops() {
        return drops.get();
    }

    public int sessions() {
        return sessions.get();
    }

    public List<Long> resumedWriteOffsets() {
        synchronized (resumedWriteOffsets) {
            return List.copyOf(resumedWriteOffsets);
        }
    }

    /** Kills what the run script started, as terminating a pod does. */
    public void terminate() {
        Path pid = Path.of(runDirectory(), "fit.pid");
        try {
            if (Files.isRegularFile(pid)) {
                long process = Long.parseLong(Files.readString(pid).strip());
                ProcessHandle.of(process).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException e) {
            // Nothing was started.
        }
    }

    @Override
    public void close() throws IOException {
        terminate();
        server.stop(true);
    }
}

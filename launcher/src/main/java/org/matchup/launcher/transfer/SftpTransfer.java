package org.matchup.launcher.transfer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.matchup.launcher.remote.PodConnection;

/**
 * Resumable SFTP transfers over a {@link PodConnection}: an upload continues from the size the remote file already
 * has, a download from the size of the local file, so a dropped connection (which the connection makes again)
 * costs only the bytes in flight. Whether the bytes are right is for the SHA-256 manifests to say; a file whose
 * digest is wrong is sent again whole ({@link #upload} with {@code restart}). Writes and reads are pipelined by
 * SSHD's asynchronous streams.
 *
 * <p>Not thread safe; one per launch.
 */
public final class SftpTransfer {

    /** A file in a remote directory. @param name its name @param size its size in bytes */
    public record RemoteFile(String name, long size) {
    }

    /** Receives the bytes moved, for progress. */
    @FunctionalInterface
    public interface Progress {
        /** @param bytes bytes just moved */
        void moved(long bytes);
    }

    private static final int BUFFER = 1 << 15;

    private final PodConnection connection;
    private final BooleanSupplier stop;

    /**
     * @param connection the pod's connection
     * @param stop whether to stop between chunks (an upload stopped so throws {@link java.io.InterruptedIOException})
     */
    public SftpTransfer(PodConnection connection, BooleanSupplier stop) {
        this.connection = connection;
        this.stop = stop;
    }

    /**
     * Uploads one file of a bundle, resuming a partial remote copy.
     *
     * @param entry the file
     * @param remotePath where it goes
     * @param restart whether to discard what the remote file holds and send it whole
     * @param progress receives the bytes sent
     * @return the bytes sent
     * @throws IOException if it cannot be sent
     */
    public long upload(Bundle.Entry entry, String remotePath, boolean restart, Progress progress) throws IOException {
        makeParents(remotePath);
        long[] sent = {0};
        boolean[] truncate = {restart};
        connection.sftp(sftp -> {

            // Resume from the remote size, unless it is larger than the file (then start again).
            long offset = truncate[0] ? 0 : size(sftp, remotePath).orElse(0L);
            if (offset > entry.size()) {
                offset = 0;
            }
            if (offset == 0) {
                truncate[0] = false;
                sftp.open(remotePath, OpenMode.Write, OpenMode.Create, OpenMode.Truncate).close();
            }
            if (offset == entry.size()) {
                return null;
            }
            try (InputStream in = open(entry, offset);
                 OutputStream out = sftp.write(remotePath, BUFFER, OpenMode.Write, OpenMode.Create)) {
                ((SftpOutputStreamAsync) out).setOffset(offset);
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    checkStop();
                    out.write(buffer, 0, n);
                    sent[0] += n;
                    progress.moved(n);
                }
            }
            return null;
        });
        return sent[0];
    }

    /**
     * Downloads a remote file into a local one, appending to what the local file already holds when the remote
     * file is at least that long, else starting again.
     *
     * @param remotePath the remote file
     * @param local the local file
     * @return the bytes fetched
     * @throws IOException if it cannot be fetched
     */
    public long download(String remotePath, Path local) throws IOException {
        long[] fetched = {0};
        connection.sftp(sftp -> {
            long remoteSize = size(sftp, remotePath).orElseThrow(() -> new SftpException(
                    SftpConstants.SSH_FX_NO_SUCH_FILE, "no such file on the pod: " + remotePath));
            long offset = Files.isRegularFile(local) ? Files.size(local) : 0;
            if (offset > remoteSize) {
                Files.delete(local);
                offset = 0;
            }
            if (offset == remoteSize) {
                if (!Files.exists(local)) {
                    Files.createFile(local);
                }
                return null;
            }
            try (InputStream in = sftp.read(remotePath, BUFFER);
                 SeekableByteChannel out = FileChannel.open(local, StandardOpenOption.CREATE,
                         StandardOpenOption.WRITE)) {
                skipFully(in, offset);
                out.position(offset);
                byte[] buffer = new byte[BUFFER];
                long wanted = remoteSize - offset;
                while (wanted > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted));
                    if (n < 0) {
                        break;
                    }
                    out.write(java.nio.ByteBuffer.wrap(buffer, 0, n));
                    fetched[0] += n;
                    wanted -= n;
                }
            }
            return null;
        });
        return fetched[0];
    }

    /**
     * @param remotePath a remote file
     * @param offset where to start
     * @return its bytes from the offset to its end (empty when it does not exist or is shorter)
     * @throws IOException if it cannot be read
     */
    public byte[] readFrom(String remotePath, long offset) throws IOException {
        return connection.sftp(sftp -> {
            long size = size(sftp, remotePath).orElse(0L);
            if (size <= offset) {
                return new byte[0];
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (InputStream in = sftp.read(remotePath, BUFFER)) {
                skipFully(in, offset);
                byte[] buffer = new byte[BUFFER];
                long wanted = size - offset;
                while (wanted > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted));
                    if (n < 0) {
                        break;
                    }
                    bytes.write(buffer, 0, n);
                    wanted -= n;
                }
            }
            return bytes.toByteArray();
        });
    }

    /**
     * @param remotePath a remote file
     * @return its size, if it exists
     * @throws IOException if it cannot be asked
     */
    public Optional<Long> size(String remotePath) throws IOException {
        return connection.sftp(sftp -> size(sftp, remotePath));
    }

    /**
     * @param remoteDirectory a remote directory
     * @return its regular files, by name; empty when it does not exist
     * @throws IOException if it cannot be listed
     */
    public List<RemoteFile> list(String remoteDirectory) throws IOException {
        return connection.sftp(sftp -> {
            List<RemoteFile> files = new ArrayList<>();
            try {
                for (SftpClient.DirEntry entry : sftp.readDir(remoteDirectory)) {
                    if (entry.getAttributes().isRegularFile()) {
                        files.add(new RemoteFile(entry.getFilename(), entry.getAttributes().getSize()));
                    }
                }
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
            }
            files.sort(java.util.Comparator.comparing(RemoteFile::name));
            return files;
        });
    }

    /**
     * @param remotePath a remote file to write whole
     * @param content its content
     * @throws IOException if it cannot be written
     */
    public void write(String remotePath, byte[] content) throws IOException {
        makeParents(remotePath);
        connection.sftp(sftp -> {
            try (OutputStream out = sftp.write(remotePath, BUFFER, OpenMode.Write, OpenMode.Create,
                    OpenMode.Truncate)) {
                out.write(content);
            }
            return null;
        });
    }

    /**
     * @param remoteDirectory a remote directory to make, with its parents
     * @throws IOException if it cannot be made
     */
    public void makeDirectories(String remoteDirectory) throws IOException {
        connection.sftp(sftp -> {
            StringBuilder path = new StringBuilder();
            for (String part : remoteDirectory.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                path.append('/').append(part);
                String directory = remoteDirectory.startsWith("/") ? path.toString() : path.substring(1);
                Optional<SftpClient.Attributes> attributes = stat(sftp, directory);
                if (attributes.isEmpty()) {
                    sftp.mkdir(directory);
                } else if (!attributes.get().isDirectory()) {
                    throw new SftpException(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS,
                            directory + " on the pod is a file, not a directory");
                }
            }
            return null;
        });
    }

    private void makeParents(String remotePath) throws IOException {
        int slash = remotePath.lastIndexOf('/');
        if (slash > 0) {
            makeDirectories(remotePath.substring(0, slash));
        }
    }

    private void checkStop() throws java.io.InterruptedIOException {
        if (stop.getAsBoolean()) {
            throw new java.io.InterruptedIOException("transfer stopped");
        }
    }

    private static InputStream open(Bundle.Entry entry, long offset) throws IOException {
        if (entry.source() == null) {
            return new ByteArrayInputStream(entry.content(), (int) offset, (int) (entry.size() - offset));
        }
        InputStream in = Files.newInputStream(entry.source());
        skipFully(in, offset);
        return in;
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new java.io.EOFException("the file ended before offset " + count);
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static Optional<Long> size(SftpClient sftp, String path) throws IOException {
        return stat(sftp, path).map(SftpClient.Attributes::getSize);
    }

    private static Optional<SftpClient.Attributes> stat(SftpClient sftp, String path) throws IOException {
        try {
            return Optional.of(sftp.stat(path));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

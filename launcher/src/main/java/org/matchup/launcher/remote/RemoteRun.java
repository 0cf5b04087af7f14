package org.matchup.launcher.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.matchup.core.io.AtomicFiles;
import org.matchup.launcher.transfer.SftpTransfer;
import org.matchup.launcher.transfer.Sha256;

/**
 * The run on the pod: its script ({@code run.sh}, started detached so that it survives a dropped SSH connection),
 * its log (read from where the last read ended, whole lines only), its exit code, a stop, and its output directory,
 * fetched while the run goes (files only grow: chain files are flushed per draw) and verified at the end against
 * the SHA-256 list the script writes.
 *
 * <p>Not thread safe; one per launch.
 */
public final class RemoteRun {

    /** The remote output directory, under the run's directory. */
    public static final String OUTPUT = "out";
    /** The run script in the bundle. */
    public static final String SCRIPT = "run.sh";
    /** The log in the output directory: everything preflight and fit printed. */
    public static final String LOG = "remote.log";
    /** The outputs' digests, written by the script at the end, and kept beside the downloaded files. */
    public static final String CHECKSUMS = "out.sha256";

    private final PodConnection connection;
    private final SftpTransfer transfer;
    private final String directory;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private long logOffset;

    /**
     * @param connection the pod's connection
     * @param transfer transfers over it
     * @param directory the run's directory on the pod (absolute)
     * @param lines receives each complete line of the remote log
     */
    public RemoteRun(PodConnection connection, SftpTransfer transfer, String directory, Consumer<String> lines) {
        this.connection = connection;
        this.transfer = transfer;
        this.directory = directory;
        this.lines = lines;
    }

    /**
     * @param preflightArguments the arguments of {@code matchup preflight}
     * @param fitArguments the arguments of {@code matchup fit}
     * @return the run script
     */
    public static byte[] script(List<String> preflightArguments, List<String> fitArguments) {
        try (InputStream in = RemoteRun.class.getResourceAsStream(SCRIPT)) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return template.replace("@PREFLIGHT_ARGS@", Shell.join(preflightArguments))
                    .replace("@FIT_ARGS@", Shell.join(fitArguments)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the launcher's run script is missing from its jar", e);
        }
    }

    /**
     * @return the pod's start command for images without sshd or Java ({@code bash -c} this text)
     */
    public static String podStartScript() {
        try (InputStream in = RemoteRun.class.getResourceAsStream("pod-start.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the launcher's pod start script is missing from its jar", e);
        }
    }

    /**
     * Checks the uploaded bundle with {@code sha256sum -c} on the pod.
     *
     * @param manifest the manifest's name in the run's directory
     * @return the files whose digest is wrong or that are missing; empty when all match
     * @throws IOException if the check cannot be run
     */
    public List<String> verifyBundle(String manifest) throws IOException {
        PodConnection.ExecResult result = connection.exec("cd " + Shell.quote(directory) + " && sha256sum -c "
                + Shell.quote(manifest) + " 2>&1", Duration.ofMinutes(5), true);
        List<String> bad = new ArrayList<>();
        for (String line : result.output().split("\n")) {
            int colon = line.lastIndexOf(": ");
            if (colon > 0 && !line.endsWith(": OK")) {
                bad.add(line.substring(0, colon));
            }
        }
        if (result.exitStatus() != 0 && bad.isEmpty()) {
            throw new IOException("sha256sum -c on the pod failed (exit " + result.exitStatus() + "): "
                    + result.output().strip());
        }
        return bad;
    }

    /**
     * Starts the run script detached from the SSH session.
     *
     * @throws IOException if it cannot be started
     */
    public void start() throws IOException {
        PodConnection.ExecResult result = connection.exec("cd " + Shell.quote(directory)
                + " && rm -f exit-code stop fit.pid && (setsid nohup bash " + SCRIPT
                + " > /dev/null 2>&1 < /dev/null &) && echo started", Duration.ofSeconds(60), false);
        if (result.exitStatus() != 0 || !result.output().contains("started")) {
            throw new IOException("the run could not be started on the pod (exit " + result.exitStatus() + "): "
                    + result.output().strip());
        }
    }

    /**
     * Reads what the remote log gained since the last call and passes on its complete lines.
     *
     * @return the lines passed on
     * @throws IOException if the log cannot be read
     */
    public List<String> pollLog() throws IOException {
        byte[] bytes = transfer.readFrom(path(OUTPUT + "/" + LOG), logOffset);
        logOffset += bytes.length;
        List<String> complete = new ArrayList<>();
        for (byte b : bytes) {
            if (b == '\n') {
                complete.add(partialLine.toString(StandardCharsets.UTF_8));
                partialLine.reset();
            } else {
                partialLine.write(b);
            }
        }
        complete.forEach(lines);
        return complete;
    }

    /**
     * @return the run's exit code once the script has written it
     * @throws IOException if it cannot be read
     */
    public OptionalInt exitCode() throws IOException {
        if (transfer.size(path("exit-code")).isEmpty()) {
            return OptionalInt.empty();
        }
        String text = new String(transfer.readFrom(path("exit-code"), 0), StandardCharsets.UTF_8).strip();
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IOException("the run's exit-code file on the pod holds '" + text + "'");
        }
    }

    /**
     * Asks the run to stop: the script starts no further command, and the running one gets SIGTERM (fit then
     * writes the files of the draws it kept).
     *
     * @throws IOException if the pod cannot be told
     */
    public void stop() throws IOException {
        transfer.write(path("stop"), "stop\n".getBytes(StandardCharsets.UTF_8));
        connection.exec("cd " + Shell.quote(directory) + " && if [ -s fit.pid ]; then kill -TERM \"$(cat fit.pid)\""
                + " 2> /dev/null; fi; true", Duration.ofSeconds(30), true);
    }

    /**
     * Fetches every output file that grew (or appeared) since the last call.
     *
     * @param local the local output directory
     * @return the bytes fetched
     * @throws IOException if a file cannot be fetched
     */
    public long syncOutputs(Path local) throws IOException {
        long fetched = 0;
        for (SftpTransfer.RemoteFile file : transfer.list(path(OUTPUT))) {
            if (file.name().endsWith(".part")) {
                continue;
            }
            Path target = local.resolve(file.name());
            long have = Files.isRegularFile(target) ? Files.size(target) : -1;
            if (have != file.size()) {
                fetched += transfer.download(path(OUTPUT + "/" + file.name()), target);
            }
        }
        return fetched;
    }

    /**
     * After the run: fetches what is missing and checks every output against the script's SHA-256 list; a file
     * that differs is fetched again whole, once.
     *
     * @param local the local output directory
     * @return the files verified
     * @throws IOException if the list is missing, or a file still differs
     */
    public List<String> downloadAndVerify(Path local) throws IOException {
        syncOutputs(local);
        byte[] list = transfer.readFrom(path(CHECKSUMS), 0);
        if (list.length == 0) {
            throw new IOException("the pod wrote no " + CHECKSUMS + ": the outputs cannot be verified");
        }
        Map<String, String> digests = Sha256.parseManifest(new String(list, StandardCharsets.UTF_8));
        List<String> verified = new ArrayList<>();
        for (Map.Entry<String, String> entry : digests.entrySet()) {
            Path target = local.resolve(entry.getKey());
            if (!Files.isRegularFile(target) || !Sha256.of(target).equals(entry.getValue())) {
                Files.deleteIfExists(target);
                transfer.download(path(OUTPUT + "/" + entry.getKey()), target);
                if (!Sha256.of(target).equals(entry.getValue())) {
                    throw new IOException(target + ": SHA-256 differs from the pod's copy after a second download");
                }
            }
            verified.add(entry.getKey());
        }
        AtomicFiles.write(local.resolve(CHECKSUMS), out -> out.write(list));
        return verified;
    }

    private String path(String relative) {
        return directory + "/" + relative;
    }
}

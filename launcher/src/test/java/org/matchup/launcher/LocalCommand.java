package org.matchup.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH exec request run here as {@code bash -c COMMAND} with the fake pod's environment: its output is copied
 * to the channel and its exit status reported. Not thread safe; one per request.
 */
final class LocalCommand implements Command {

    private final String command;
    private final Map<String, String> environment;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    LocalCommand(String command, Map<String, String> environment) {
        this.command = command;
        this.environment = environment;
    }

    @Override
    public void setInputStream(InputStream in) {
        // Commands of the launcher read no input.
    }

    @Override
    public void setOutputStream(OutputStream stream) {
        out = stream;
    }

    @Override
    public void setErrorStream(OutputStream stream) {
        err = stream;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
        Thread pump = new Thread(() -> {
            int code = -1;
            try {
                Thread errors = new Thread(() -> copy(process.getErrorStream(), err));
                errors.start();
                copy(process.getInputStream(), out);
                errors.join();
                code = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exit.onExit(code);
        }, "fake-pod-command");
        pump.setDaemon(true);
        pump.start();
    }

    private static void copy(InputStream in, OutputStream to) {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The channel closed: the client went away.
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null) {
            process.destroy();
        }
    }
}

package org.matchup.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.matchup.launcher.remote.RemoteRun;
import org.matchup.launcher.remote.Shell;
import org.matchup.launcher.runpod.PodSpec;
import org.matchup.launcher.runpod.RetryPolicy;
import org.matchup.launcher.transfer.Bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a launch would do, for {@code --dry-run}: the API calls with the exact body of the create, the files and
 * their sizes, the upload time at a bandwidth, the run time from the local calibration carried over to the pod,
 * and the cost at the price per hour. Makes no call and rents nothing. Stateless.
 */
public final class LaunchPlan {

    /** Seconds assumed from creation until the pod answers SSH: boot, and apt-get of sshd and Java 17. */
    public static final double START_SECONDS = 180;

    private LaunchPlan() {
    }

    /**
     * @param config the launch
     * @param bundle its bundle
     * @param estimate the run time from the local calibration, or null when there is none
     * @return the plan, one line per element
     */
    public static List<String> lines(LaunchConfig config, Bundle bundle, RunTimeEstimate estimate) {
        List<String> lines = new ArrayList<>();
        String name = Launch.newPodName(java.time.Instant.now());
        PodSpec pod = Launch.podFor(config, name, "<this launch's public key>");
        lines.add("launch plan (dry run: no API call is made and nothing is rented)");
        lines.add("pod: " + pod.describe());

        // The API calls, with the create's body as it would be sent (the start script shortened).
        ObjectNode body = pod.requestBody();
        if (body.has("dockerStartCmd")) {
            ArrayNode command = (ArrayNode) body.get("dockerStartCmd");
            command.set(command.size() - 1, body.textNode("<start script: authorise the key, apt-get install"
                    + " openssh-server openjdk-17-jre-headless if missing, run sshd>"));
        }
        RetryPolicy retry = config.retry();
        lines.add("API calls to " + config.apiBaseUrl() + " (Authorization: Bearer <RUNPOD_API_KEY>):");
        lines.add("  1. POST /pods " + body);
        lines.add("  2. GET /pods/{podId} every 2 to 15 s until it runs with a public IP and port 22 mapped (at most "
                + config.startTimeout().toMinutes() + " min from creation)");
        lines.add("  3. DELETE /pods/{podId} at the end: on success, on any failure, on Ctrl-C and at the cost cap");
        lines.add(format("  each retried on 429 after its Retry-After (up to %d s) and on 5xx or a failed connection"
                + " after a jittered back-off of up to %d s, %d tries in all", retry.maxRetryAfter().toSeconds(),
                retry.maxDelay().toSeconds(), retry.maxAttempts()));

        // The files.
        lines.add(format("bundle: %d files, %s, by SFTP to %s@<pod>:%s (resumable; checked with sha256sum -c)",
                bundle.entries().size(), size(bundle.totalBytes()), config.sshUser(), config.remoteDirectory()));
        for (Bundle.Entry entry : bundle.entries()) {
            lines.add(format("  %-52s %10s", entry.path(), size(entry.size())));
        }
        double bitsPerSecond = config.bandwidthMbps() * 1e6;
        double upload = bundle.totalBytes() * 8 / bitsPerSecond;
        lines.add(format("upload: %s at %s Mbit/s: %.0f s", size(bundle.totalBytes()), number(config.bandwidthMbps()),
                upload));
        lines.add("on the pod: matchup preflight " + Shell.join(config.preflightArguments()));
        lines.add("            matchup fit " + Shell.join(config.fitArguments()));
        lines.add("            progress lines stream here; " + RemoteRun.OUTPUT + "/ is fetched into "
                + config.output() + " as chains finish and at the end, checked against the pod's SHA-256");

        // Time and money.
        double run = estimate == null ? Double.NaN : estimate.podSeconds(config.pod().vcpuCount());
        double download = estimate == null ? 0 : estimate.outputBytes() * 8 / bitsPerSecond;
        if (estimate == null) {
            lines.add("run time: unknown (no calibration)");
        } else {
            int threads = Math.max(1, Math.min(estimate.chains(), config.pod().vcpuCount()));
            lines.add(format("run time: %.0f s on %d vCPU (%d chains on %d threads), from the calibration on this"
                    + " machine (%.0f s on %d threads here; a vCPU is taken to be as fast as a core here): %s", run,
                    config.pod().vcpuCount(), estimate.chains(), threads, estimate.localSeconds(),
                    estimate.localThreads(), estimate.calibration()));
            lines.add(format("download: about %s of output at %s Mbit/s: %.0f s", size((long) estimate.outputBytes()),
                    number(config.bandwidthMbps()), download));
        }
        double hours = (START_SECONDS + upload + (Double.isNaN(run) ? 0 : run) + download) / 3600;
        lines.add(format("pod time: %.0f s start (boot, sshd and Java 17) + %.0f s upload + %s run + %.0f s download"
                + " = %.3f h", START_SECONDS, upload, Double.isNaN(run) ? "?" : format("%.0f s", run), download,
                hours));
        double price = config.pricePerHour();
        lines.add(price > 0 ? format("cost: %.3f h x %s per hour = %.2f", hours, number(price), hours * price)
                : "cost: unknown: give --price-per-hour (RunPod reports the pod's price once it is created)");
        lines.add("cost cap: " + config.costCap().describe(price) + "; the fit is stopped "
                + config.stopGrace().toSeconds() + " s before it, what it kept is brought back and the pod"
                + " terminated");
        if (price > 0 && hours > config.costCap().limitHours(price)) {
            lines.add("WARNING: the estimate exceeds the cost cap: the fit would be stopped before it ends");
        }
        return lines;
    }

    private static String size(long bytes) {
        return bytes >= 1e6 ? format("%.1f MB", bytes / 1e6) : format("%.1f kB", bytes / 1e3);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.Pod;
import org.matchup.launcher.runpod.RetryPolicy;
import org.matchup.launcher.runpod.RunPodClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup pods}: the pods {@code launch} created (recognised by their name) that RunPod still holds, and
 * with {@code --terminate} their termination. One instance per run.
 */
@Command(name = "pods", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the pods matchup launch created that are not terminated, and terminate them on"
                + " request.",
            "Exit codes: 0 done (none left with --terminate), 1 a pod could not be terminated, 2 a refused key."})
final class PodsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--terminate", description = "Terminate every pod listed.")
    private boolean terminate;

    @Mixin
    private RunPodOptions runPod;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApiKey key = runPod.apiKey();
        RunPodClient client = new RunPodClient(runPod.apiUrl(), key, RetryPolicy.DEFAULT,
                line -> err.println("matchup pods: " + line));

        // The launcher's pods that still exist.
        List<Pod> ours = new ArrayList<>();
        for (Pod pod : client.list()) {
            if (pod.isLaunchers() && !"TERMINATED".equals(pod.desiredStatus())) {
                ours.add(pod);
            }
        }
        if (ours.isEmpty()) {
            out.println("no pods of matchup launch");
            out.flush();
            return Matchup.EXIT_OK;
        }
        out.printf(Locale.ROOT, "%-16s %-36s %-10s %9s  %s%n", "ID", "NAME", "STATUS", "PER HOUR", "STARTED");
        for (Pod pod : ours) {
            out.printf(Locale.ROOT, "%-16s %-36s %-10s %9s  %s%n", pod.id(), pod.name(), pod.desiredStatus(),
                    Double.isNaN(pod.costPerHour()) ? "?" : String.format(Locale.ROOT, "%.3f", pod.costPerHour()),
                    pod.lastStartedAt() == null ? "?" : pod.lastStartedAt());
        }
        if (!terminate) {
            out.println(ours.size() + (ours.size() == 1 ? " pod" : " pods") + "; bin/matchup pods --terminate"
                    + " terminates " + (ours.size() == 1 ? "it" : "them"));
            out.flush();
            return Matchup.EXIT_OK;
        }

        // Terminate each; one that fails is reported and the others still terminated.
        int failed = 0;
        for (Pod pod : ours) {
            try {
                client.terminate(pod.id());
                out.println("terminated " + pod.id() + " (" + pod.name() + ")");
            } catch (IOException e) {
                failed++;
                err.println("matchup pods: could not terminate " + pod.id() + ": " + key.redact(e.getMessage()));
            }
        }
        out.flush();
        return failed == 0 ? Matchup.EXIT_OK : Matchup.EXIT_FAILURE;
    }
}

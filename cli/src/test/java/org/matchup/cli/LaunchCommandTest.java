package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.matchup.cli.CommandRun.matchup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.launcher.FakePod;
import org.matchup.launcher.FakeRunPod;
import org.matchup.launcher.transfer.Sha256;

/**
 * {@code matchup launch} and {@code matchup pods} against a fake RunPod API and a fake pod on loopback: a whole
 * launch whose remote fit is the real command line run from the uploaded bundle, a Ctrl-C (SIGINT) of a launch in
 * a child JVM, the dry run, the config file, and bad input.
 */
@Timeout(120)
class LaunchCommandTest {

    private static final String KEY = "rpa_CLI_TEST_KEY_0123456789";

    @TempDir
    static Path tables;

    /** The first 2000 rows of the real training table. */
    private static Path rows;

    @TempDir
    Path temp;

    private FakeRunPod api;
    private FakePod pod;

    @BeforeAll
    static void writeRows() throws IOException {
        Path train = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(train)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && lines.size() <= 2000; line = in.readLine()) {
                lines.add(line);
            }
        }
        rows = Files.write(tables.resolve("rows.csv"), lines);
    }

    @AfterEach
    void stop() throws IOException {
        if (api != null) {
            api.close();
        }
        if (pod != null) {
            pod.close();
        }
    }

    private void start(Map<String, String> podEnvironment) throws IOException {
        pod = new FakePod(temp.resolve("pod"), podEnvironment);
        api = new FakeRunPod(KEY).sshPort(pod.port())
                .onCreate(body -> pod.authorize(body.path("env").path("PUBLIC_KEY").asText()))
                .onDelete(id -> pod.terminate());
    }

    private Path keyFile() throws IOException {
        Path file = Files.writeString(temp.resolve("runpod-key"), KEY + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private List<String> launchArguments(Path output, String... more) {
        List<String> arguments = new ArrayList<>(List.of("launch", "--data", rows.toString(), "--model", "baseline",
                "--chains", "2", "--tune", "100", "--draws", "100", "--output", output.toString(), "--api-url",
                api.baseUrl().toString(), "--remote-dir", pod.runDirectory(), "--poll-seconds", "0.2",
                "--sync-seconds", "1", "--progress-seconds", "1", "--start-timeout-minutes", "1",
                "--stop-grace-seconds", "20"));
        arguments.addAll(List.of(more));
        return arguments;
    }

    @Test
    void launchRunsTheRealFitOnThePodAndBringsBackVerifiedFiles() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        start(Map.of("MATCHUP_JAVA", java));
        Path output = temp.resolve("results");

        CommandRun run = matchup(launchArguments(output, "--api-key-file", keyFile().toString())
                .toArray(new String[0]));

        // fit's exit code on the pod: converged or not, 100 + 100 iterations of the baseline model.
        assertTrue(run.exitCode() == 0 || run.exitCode() == 3, run.err());
        assertTrue(run.err().contains("pod: matchup fit: chain 1 finished: 100 draws in "), run.err());
        assertTrue(run.err().contains("matchup launch: started preflight and fit on the pod"), run.err());
        assertTrue(run.err().contains("pod: preflight: GO"), run.err());

        // Every output came back, equal to the pod's copy.
        Path remoteOut = Path.of(pod.runDirectory(), "out");
        for (String name : List.of("chain-1.csv", "chain-2.csv", "coefficients.csv", "training_summary.txt",
                "manifest.sha256", "preflight.txt", "remote.log")) {
            assertEquals(Sha256.of(remoteOut.resolve(name)), Sha256.of(output.resolve(name)), name);
        }
        assertTrue(Files.readString(output.resolve("training_summary.txt")).contains("verdict: "));
        assertTrue(Files.readString(output.resolve("coefficients.csv")).contains("\nsigma,"));

        // The bundle held the command line's jars and the table; the pod was terminated.
        assertTrue(Files.isRegularFile(Path.of(pod.runDirectory(), "data", "rows.csv")));
        assertTrue(Files.isRegularFile(Path.of(pod.runDirectory(), "lib", "cli-classes.jar")));
        assertEquals(List.of("pod1"), api.deleted());
        assertTrue(run.err().contains("matchup launch: pod pod1 terminated after "), run.err());
        assertKeyNeverShown(run.out() + run.err());
    }

    @Test
    void sigintDuringSamplingStopsTheFitBringsBackWhatItKeptAndTerminates() throws Exception {
        Path fakeJava = temp.resolve("fake-java.sh");
        try (InputStream in = FakePod.class.getResourceAsStream("fake-java.sh")) {
            Files.write(fakeJava, in.readAllBytes());
        }
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        start(Map.of("MATCHUP_JAVA", fakeJava.toString(), "FAKE_FIT", "slow"));
        Path output = temp.resolve("results");

        // A launch in a child JVM, with the key in its environment.
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "org.matchup.cli.Matchup"));
        command.addAll(launchArguments(output));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RUNPOD_API_KEY", KEY);
        Process child = builder.start();
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        boolean signalled = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                err.add(line);
                if (!signalled && line.contains("chain 2 50/100 sampling")) {
                    signalled = true;
                    new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String text = String.join("\n", err);

        assertTrue(signalled, text);
        assertEquals(130, child.exitValue(), text);
        assertTrue(text.contains("matchup launch: interrupted; stopping the fit, bringing back what it kept and"
                + " terminating the pod"), text);
        assertEquals(51, Files.readAllLines(output.resolve("chain-1.csv")).size());
        assertTrue(Files.readAllLines(output.resolve("chain-2.csv")).size() > 50);
        assertTrue(Files.readString(output.resolve("training_summary.txt")).contains("interrupted"));
        assertEquals(List.of("pod1"), api.deleted());
        assertKeyNeverShown(text);
    }

    @Test
    void dryRunPrintsThePlanWithoutAKey() throws Exception {
        start(Map.of());
        Path output = temp.resolve("results");

        CommandRun run = matchup(launchArguments(output, "--dry-run", "--price-per-hour", "0.25", "--vcpu", "2")
                .toArray(new String[0]));

        assertEquals(0, run.exitCode(), run.err());
        String plan = run.out();
        assertTrue(plan.startsWith("launch plan (dry run: no API call is made and nothing is rented)\n"), plan);
        assertTrue(plan.contains("pod: CPU pod, cpu3c, 2 vCPU, at least 8 GB memory, 20 GB container disk, SECURE"
                + " cloud, on demand, image debian:bookworm-slim\n"), plan);
        assertTrue(plan.contains("  1. POST /pods {\"name\":\"matchup-launch-"), plan);
        assertTrue(plan.contains("\"env\":{\"PUBLIC_KEY\":\"<this launch's public key>\"}"), plan);
        assertTrue(plan.contains("  3. DELETE /pods/{podId} at the end"), plan);
        assertTrue(plan.contains("  data/rows.csv "), plan);
        assertTrue(plan.contains("  MANIFEST.sha256 "), plan);
        assertTrue(plan.contains("on the pod: matchup preflight --data data/rows.csv --output out --model baseline"
                + " --chains 2 --warmup 100 --draws 100 --adapt-delta 0.8"), plan);
        assertTrue(plan.matches("(?s).*\nrun time: \\d+ s on 2 vCPU \\(2 chains on 2 threads\\), from the"
                + " calibration on this machine.*"), plan);
        assertTrue(plan.matches("(?s).*\ncost: \\d\\.\\d{3} h x 0\\.25 per hour = \\d\\.\\d\\d\n.*"), plan);
        assertTrue(plan.contains("cost cap: 4.00 h or 10.00, whichever comes first"), plan);
        assertTrue(api.requests().isEmpty());
        assertFalse(Files.exists(output));
    }

    @Test
    void configFileGivesDefaultsThatFlagsOverride() throws Exception {
        start(Map.of());
        Path config = Files.writeString(temp.resolve("launch.properties"), "vcpu = 8\nmax-spend = 2.5\n"
                + "cpu-flavor = cpu3g,cpu3c\nchains = 3\n");

        // The arguments give --chains 2, the file chains = 3.
        CommandRun run = matchup(launchArguments(temp.resolve("results"), "--dry-run", "--config",
                config.toString()).toArray(new String[0]));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("pod: CPU pod, cpu3g or cpu3c, 8 vCPU,"), run.out());
        assertTrue(run.out().contains("cost cap: 4.00 h or 2.50"), run.out());
        assertTrue(run.out().contains(" --chains 2 "), run.out());
    }

    @Test
    void badInputIsOneLineAndRentsNothing() throws Exception {
        start(Map.of());
        Path config = Files.writeString(temp.resolve("bad.properties"), "max-spnd = 2\n");
        Path open = Files.writeString(temp.resolve("open-key"), KEY);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path output = temp.resolve("results");

        CommandRun unknownKey = matchup(launchArguments(output, "--config", config.toString())
                .toArray(new String[0]));
        CommandRun negative = matchup(launchArguments(output, "--dry-run", "--max-spend", "-1")
                .toArray(new String[0]));
        CommandRun readableKey = matchup(launchArguments(output, "--api-key-file", open.toString())
                .toArray(new String[0]));
        CommandRun gpuWithoutType = matchup(launchArguments(output, "--compute-type", "GPU", "--api-key-file",
                keyFile().toString()).toArray(new String[0]));

        assertEquals("matchup: --config " + config + ": unknown key 'max-spnd' (keys are option names without --,"
                + " such as max-spend)\n", unknownKey.err());
        assertEquals("matchup: --max-spend must be positive, got -1.0\n", negative.err());
        assertEquals("matchup: --api-key-file " + open + " can be read or written by others (rw-r--r--); run chmod"
                + " 600 " + open + "\n", readableKey.err());
        assertEquals("matchup: --gpu-type is required for --compute-type GPU\n", gpuWithoutType.err());
        for (CommandRun run : List.of(unknownKey, negative, readableKey, gpuWithoutType)) {
            assertEquals(2, run.exitCode());
        }
        assertTrue(api.requests().isEmpty());
        assertFalse(readableKey.err().contains(KEY));
    }

    @Test
    void podsListsTheLaunchersPodsAndTerminatesThem() throws Exception {
        start(Map.of());
        String first = api.addPod("matchup-launch-20250101-000000-aaaa", "RUNNING");
        String second = api.addPod("matchup-launch-20250102-000000-bbbb", "EXITED");
        String other = api.addPod("someone-elses-notebook", "RUNNING");
        String url = api.baseUrl().toString();
        String key = keyFile().toString();

        CommandRun list = matchup("pods", "--api-url", url, "--api-key-file", key);
        CommandRun terminate = matchup("pods", "--terminate", "--api-url", url, "--api-key-file", key);
        CommandRun after = matchup("pods", "--api-url", url, "--api-key-file", key);

        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains(first + " ") && list.out().contains(second + " "), list.out());
        assertFalse(list.out().contains("someone-elses-notebook"), list.out());
        assertTrue(list.out().endsWith("2 pods; bin/matchup pods --terminate terminates them\n"), list.out());
        assertEquals(0, terminate.exitCode(), terminate.err());
        assertEquals(List.of(first, second), api.deleted());
        assertEquals(List.of(other), api.podIds());
        assertEquals("no pods of matchup launch\n", after.out());
    }

    @Test
    void podsRefusesToSendTheKeyOverPlainHttpToAnotherHost() throws Exception {
        start(Map.of());

        CommandRun run = matchup("pods", "--api-url", "http://runpod.example/v1", "--api-key-file",
                keyFile().toString());

        assertEquals(2, run.exitCode());
        assertEquals("matchup: --api-url must be https (http only to a loopback address), got"
                + " http://runpod.example/v1\n", run.err());
        assertTrue(api.requests().isEmpty());
    }

    private void assertKeyNeverShown(String text) throws IOException {
        assertFalse(text.contains(KEY));
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.getFileName().toString().equals("runpod-key")) {
                    continue;
                }
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(KEY), file.toString());
            }
        }
    }
}

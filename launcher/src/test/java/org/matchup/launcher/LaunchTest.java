package org.matchup.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.PodSpec;
import org.matchup.launcher.runpod.RetryPolicy;
import org.matchup.launcher.runpod.RunPodException;
import org.matchup.launcher.transfer.Sha256;

/**
 * Whole launches against a fake RunPod API and a fake pod (an SSH/SFTP server whose commands run here, with a
 * stand-in for java that behaves as fit would), with faults injected. Every test checks that the pod got its
 * terminate call and that no line said and no file written holds the API key.
 */
@Timeout(60)
class LaunchTest {

    private static final String KEY = "rpa_TEST0123456789abcdefSECRET";

    @TempDir
    Path temp;

    private FakeRunPod api;
    private FakePod pod;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws IOException {
        if (api != null) {
            api.close();
        }
        if (pod != null) {
            pod.close();
        }
    }

    /** A fake pod whose java behaves as {@code mode} says, and the fake API that rents it. */
    private void start(String mode) throws IOException {
        Path java = temp.resolve("fake-java.sh");
        try (InputStream in = LaunchTest.class.getResourceAsStream("fake-java.sh")) {
            Files.write(java, in.readAllBytes());
        }
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        pod = new FakePod(temp.resolve("pod"), Map.of("MATCHUP_JAVA", java.toString(), "FAKE_FIT", mode));
        api = new FakeRunPod(KEY).sshPort(pod.port())
                .onCreate(body -> pod.authorize(body.path("env").path(Launch.PUBLIC_KEY).asText()))
                .onDelete(id -> pod.terminate());
    }

    private LaunchConfig.Builder config(long jarBytes) throws IOException {
        Path table = Files.writeString(temp.resolve("table.csv"), "outcome,matchup_id\n1.0,3\n0.5,7\n");
        Path jar = temp.resolve("matchup-cli.jar");
        byte[] bytes = new byte[(int) jarBytes];
        new Random(7).nextBytes(bytes);
        Files.write(jar, bytes);
        return LaunchConfig.builder().pod(PodSpec.builder().vcpuCount(2).build()).costCap(new CostCap(1, 10))
                .apiBaseUrl(api.baseUrl()).table(table).fitOptions(List.of("--model", "baseline", "--chains", "2"))
                .classpath(List.of(jar)).output(temp.resolve("results")).remoteDirectory(pod.runDirectory())
                .pollInterval(Duration.ofMillis(100)).syncInterval(Duration.ofMillis(300))
                .startTimeout(Duration.ofSeconds(20)).stopGrace(Duration.ofSeconds(15)).progressSeconds(1)
                .retry(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)));
    }

    private Launch launch(LaunchConfig config) {
        ApiKey key = ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, KEY), null);
        return new Launch(config, key, new LaunchListener() {
            @Override
            public void info(String line) {
                lines.add("launch: " + line);
            }

            @Override
            public void remote(String line) {
                lines.add("pod: " + line);
            }
        });
    }

    @Test
    void fullCycleRetriesRateLimitsAndErrorsAndBringsBackVerifiedFiles() throws Exception {
        start("ok");
        api.thenAnswer(429, "{\"error\":\"rate limited\"}", "1").thenAnswer(500, "{\"error\":\"internal\"}", null);
        api.getsUntilRunning(2);
        LaunchConfig config = config(300_000).build();

        LaunchOutcome outcome = launch(config).run();

        // The run ended by itself with fit's exit code, and every file came back equal to the pod's.
        assertEquals(LaunchOutcome.End.COMPLETED, outcome.end(), String.join("\n", lines));
        assertEquals(0, outcome.remoteExitCode());
        Path results = config.output();
        Path remoteOut = Path.of(pod.runDirectory(), "out");
        List<String> names = List.of("chain-1.csv", "chain-2.csv", "coefficients.csv", "training_summary.txt",
                "preflight.txt", "remote.log");
        for (String name : names) {
            assertEquals(Sha256.of(remoteOut.resolve(name)), Sha256.of(results.resolve(name)), name);
        }
        assertEquals(51, Files.readAllLines(results.resolve("chain-2.csv")).size());
        assertEquals(names.size(), outcome.downloadedFiles());
        assertTrue(Files.readString(results.resolve("out.sha256")).contains("  chain-1.csv"));

        // The 429's Retry-After was honoured; after the 500 the pods were listed before a second create.
        List<FakeRunPod.Request> posts = api.requests("POST");
        assertEquals(3, posts.size());
        assertTrue(posts.get(1).nanos() - posts.get(0).nanos() >= 1_000_000_000L, "Retry-After: 1 not honoured");
        assertTrue(api.requests().stream().anyMatch(r -> r.method().equals("GET") && r.path().equals("/v1/pods")
                && r.nanos() > posts.get(1).nanos() && r.nanos() < posts.get(2).nanos()));
        assertEquals(1, api.podIds().size() + api.deleted().size());

        // The fit's progress was passed on, and the pod was terminated.
        assertTrue(lines.contains("pod: matchup fit: chain 1 finished: 50 draws in 0.1 s"), String.join("\n", lines));
        assertTerminatedAndKeyNeverShown(outcome.podId());
    }

    @Test
    void noCapacityOnCreateIsSaidClearlyAndRentsNothing() throws Exception {
        start("ok");
        api.thenAnswer(500, "{\"error\":\"There are no longer any instances available with the requested"
                + " specifications. Please refresh and try again.\",\"status\":500}", null);
        Launch launch = launch(config(1000).build());

        RunPodException.NoCapacity e = assertThrows(RunPodException.NoCapacity.class, launch::run);

        assertTrue(e.getMessage().startsWith("RunPod has no capacity for this pod now (HTTP 500: There are no"
                + " longer any instances"), e.getMessage());
        assertTrue(e.getMessage().contains("--cloud-type COMMUNITY"), e.getMessage());
        assertEquals(1, api.requests("POST").size());

        // Nothing was created; the launch looked for a pod of its name to terminate and found none.
        assertTrue(api.podIds().isEmpty());
        assertTrue(api.requests().stream().anyMatch(r -> r.method().equals("GET") && r.path().equals("/v1/pods")));
        assertTrue(launch.isTerminated());
        assertKeyNeverShown();
    }

    @Test
    void podThatNeverRunsIsTerminatedAtTheTimeout() throws Exception {
        start("ok");
        api.neverRuns();
        Launch launch = launch(config(1000).startTimeout(Duration.ofMillis(1500)).build());

        IOException e = assertThrows(IOException.class, launch::run);

        assertTrue(e.getMessage().matches("the pod pod1 did not run with a public SSH port within 1 s .*"),
                e.getMessage());
        assertTrue(api.requests("GET").size() >= 2);
        assertTerminatedAndKeyNeverShown("pod1");
    }

    @Test
    void uploadResumesAfterTheConnectionDrops() throws Exception {
        start("ok");
        pod.dropAfterWritten(400_000);
        LaunchConfig config = config(1_000_000).build();

        LaunchOutcome outcome = launch(config).run();

        assertEquals(0, outcome.remoteExitCode(), String.join("\n", lines));
        assertEquals(1, pod.drops());
        assertTrue(pod.sessions() >= 2);

        // The second session went on from where the first stopped instead of sending the file again.
        List<Long> resumed = pod.resumedWriteOffsets();
        assertFalse(resumed.isEmpty());
        assertTrue(resumed.get(0) > 0 && resumed.get(0) <= 400_000, resumed.toString());
        Path uploaded = Path.of(pod.runDirectory(), "lib", "matchup-cli.jar");
        assertEquals(Sha256.of(temp.resolve("matchup-cli.jar")), Sha256.of(uploaded));
        assertTrue(lines.stream().anyMatch(l -> l.contains("SSH connection to the pod lost")));
        assertTerminatedAndKeyNeverShown(outcome.podId());
    }

    @Test
    void downloadResumesAfterTheConnectionDrops() throws Exception {
        start("ok");
        pod.dropAfterRead(2_000);
        LaunchConfig config = config(1000).syncInterval(Duration.ofMinutes(5)).build();

        LaunchOutcome outcome = launch(config).run();

        assertEquals(0, outcome.remoteExitCode(), String.join("\n", lines));
        assertEquals(1, pod.drops());
        Path remoteOut = Path.of(pod.runDirectory(), "out");
        for (String name : List.of("chain-1.csv", "chain-2.csv", "remote.log")) {
            assertEquals(Sha256.of(remoteOut.resolve(name)), Sha256.of(config.output().resolve(name)), name);
        }
        assertTerminatedAndKeyNeverShown(outcome.podId());
    }

    @Test
    void failedFitStillBringsBackItsDrawsAndLog() throws Exception {
        start("fail");
        LaunchConfig config = config(1000).build();

        LaunchOutcome outcome = launch(config).run();

        assertEquals(LaunchOutcome.End.COMPLETED, outcome.end());
        assertEquals(1, outcome.remoteExitCode());
        Path results = config.output();
        assertEquals(51, Files.readAllLines(results.resolve("chain-1.csv")).size());
        assertEquals(List.of("-1.5,0.91,0.21"), Files.readAllLines(results.resolve("chain-2.csv")));
        String log = Files.readString(results.resolve("remote.log"));
        assertTrue(log.contains("matchup fit: chain 2: Stan threw: boom"), log);
        assertTrue(log.contains("run.sh: fit ended with exit code 1"), log);
        assertTrue(lines.contains("pod: matchup fit: chain 2: Stan threw: boom"));
        assertTerminatedAndKeyNeverShown(outcome.podId());
    }

    @Test
    void interruptDuringSamplingStopsTheFitBringsBackWhatItKeptAndTerminates() throws Exception {
        start("slow");
        LaunchConfig config = config(1000).build();
        AtomicBoolean interrupted = new AtomicBoolean();
        Launch[] launch = new Launch[1];
        ApiKey key = ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, KEY), null);
        launch[0] = new Launch(config, key, new LaunchListener() {
            @Override
            public void info(String line) {
                lines.add("launch: " + line);
            }

            @Override
            public void remote(String line) {
                lines.add("pod: " + line);
                if (line.contains("chain 2 50/100 sampling") && interrupted.compareAndSet(false, true)) {
                    new Thread(launch[0]::interrupt).start();
                }
            }
        });

        LaunchOutcome outcome = launch[0].run();

        assertTrue(interrupted.get(), String.join("\n", lines));
        assertEquals(LaunchOutcome.End.INTERRUPTED, outcome.end());
        assertEquals(130, outcome.remoteExitCode());
        Path results = config.output();
        assertEquals(51, Files.readAllLines(results.resolve("chain-1.csv")).size());
        assertTrue(Files.readAllLines(results.resolve("chain-2.csv")).size() > 50);
        assertTrue(Files.readString(results.resolve("training_summary.txt")).contains("interrupted"));
        assertTrue(lines.contains("launch: interrupted: stopping the fit and bringing back what it kept"));
        assertTerminatedAndKeyNeverShown(outcome.podId());
    }

    @Test
    void costCapStopsTheFitAndTerminates() throws Exception {
        start("slow");

        // One unit a second: a cap of 6 with a grace of 1 s stops the run about 5 s after the pod's creation.
        api.costPerHr(3600);
        LaunchConfig config = config(1000).costCap(new CostCap(1, 6)).stopGrace(Duration.ofSeconds(1)).build();

        long start = System.nanoTime();
        LaunchOutcome outcome = launch(config).run();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(LaunchOutcome.End.COST_CAP, outcome.end(), String.join("\n", lines));
        assertTrue(seconds >= 4.5 && seconds < 20, "took " + seconds + " s");
        assertTrue(lines.stream().anyMatch(l -> l.contains("cost cap 1.00 h or 6.00, whichever comes first (at"
                + " 3600.000 per hour: 0.00 h)")), String.join("\n", lines));
        assertTerminatedAndKeyNeverShown(outcome.podId());
    }

    @Test
    void refusedKeyIsSaidWithoutTheKey() throws Exception {
        start("ok");
        ApiKey wrong = ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, "rpa_WRONG_KEY_987654321"), null);
        Launch launch = new Launch(config(1000).build(), wrong, LaunchListener.NONE);

        RunPodException.Unauthorized e = assertThrows(RunPodException.Unauthorized.class, launch::run);

        assertEquals("RunPod POST /pods: RunPod refused the API key from environment variable RUNPOD_API_KEY"
                + " (HTTP 401: invalid api key); check that it is current and may manage pods", e.getMessage());
        assertTrue(api.podIds().isEmpty());
    }

    private void assertTerminatedAndKeyNeverShown(String podId) throws IOException {
        assertTrue(api.deleted().contains(podId), "no DELETE for " + podId + ": " + api.requests());
        assertTrue(api.podIds().isEmpty(), "pods left: " + api.podIds());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("launch: pod " + podId + " terminated after ")));
        assertKeyNeverShown();
    }

    private void assertKeyNeverShown() throws IOException {
        for (String line : lines) {
            assertFalse(line.contains(KEY), line);
        }
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(KEY), file.toString());
            }
        }
        assertTrue(api.requests().stream().allMatch(r -> r.body() == null || !r.body().contains(KEY)));
    }
}

package org.matchup.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.matchup.launcher.remote.PodConnection;
import org.matchup.launcher.remote.RemoteRun;
import org.matchup.launcher.remote.SshKeys;
import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.Pod;
import org.matchup.launcher.runpod.PodSpec;
import org.matchup.launcher.runpod.RunPodClient;
import org.matchup.launcher.transfer.Bundle;
import org.matchup.launcher.transfer.SftpTransfer;

/**
 * One run of a fit on a rented RunPod pod: create the pod, wait until it runs and answers SSH, upload the bundle
 * (resumable, checked on the pod against its SHA-256 manifest), run {@code preflight} and {@code fit} there
 * detached from the SSH session, pass on their log, fetch the output directory while it grows and at the end
 * (verified against the pod's SHA-256 list), and terminate the pod. The pod is terminated in a {@code finally}:
 * on success, on any failure, after {@link #interrupt()} (Ctrl-C: the front end calls it from a shutdown hook)
 * and when the cost cap is reached. A run that fails or is stopped still brings back every file it wrote, the log
 * among them. Every line said, on the listener and in {@code launch.log} in the output directory, has the API key
 * redacted.
 *
 * <p>{@link #run()} is called once, from one thread; {@link #interrupt()}, {@link #awaitEnd} and
 * {@link #terminateNow()} may be called from any thread.
 */
public final class Launch {

    /** The launcher's own log in the output directory. */
    public static final String LOG = "launch.log";

    /** The public key's environment variable, as RunPod's images read it. */
    public static final String PUBLIC_KEY = "PUBLIC_KEY";

    private static final Pattern CHAIN_DONE = Pattern.compile("chain \\d+ \\w+: \\d+ draws in");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final LaunchConfig config;
    private final ApiKey key;
    private final LaunchListener listener;
    private final RunPodClient client;
    private final String podName;
    private final AtomicReference<LaunchOutcome.End> stopReason = new AtomicReference<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object terminateLock = new Object();
    private BufferedWriter log;
    private volatile String podId;
    private volatile boolean createSent;
    private boolean terminated;
    private long createdAtNanos;
    private double lastKnownPrice = Double.NaN;

    /**
     * @param config the launch
     * @param key the API key
     * @param listener receives every line, redacted
     */
    public Launch(LaunchConfig config, ApiKey key, LaunchListener listener) {
        this.config = config;
        this.key = key;
        this.listener = listener;
        this.podName = newPodName(Instant.now());
        this.client = new RunPodClient(config.apiBaseUrl(), key, config.retry(), this::info);
    }

    /**
     * @param now the present
     * @return a pod name unique to this launch, such as {@code matchup-launch-20250101-120000-3f2a}
     */
    public static String newPodName(Instant now) {
        return PodSpec.NAME_PREFIX + NAME_TIME.format(now) + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /**
     * @param config a launch
     * @return its bundle: the class path under {@code lib/}, the table under {@code data/}, the run script and the
     *     manifest
     * @throws IOException if a file cannot be read
     */
    public static Bundle bundle(LaunchConfig config) throws IOException {
        return Bundle.builder().classpath(config.classpath()).file(config.remoteTable(), config.table())
                .bytes(RemoteRun.SCRIPT, RemoteRun.script(config.preflightArguments(), config.fitArguments()))
                .build();
    }

    /**
     * @param config a launch
     * @param name the pod's name
     * @param publicKey the launch's public key, as one line of {@code authorized_keys}
     * @return the pod to create: the configured one with this name, the key and, with bootstrap, the start command
     */
    public static PodSpec podFor(LaunchConfig config, String name, String publicKey) {
        PodSpec pod = config.pod();
        PodSpec.Builder builder = PodSpec.builder().name(name).imageName(pod.imageName())
                .computeType(pod.computeType()).cloudType(pod.cloudType()).gpuTypeIds(pod.gpuTypeIds())
                .gpuCount(pod.gpuCount()).cpuFlavorIds(pod.cpuFlavorIds()).vcpuCount(pod.vcpuCount())
                .minMemoryInGb(pod.minMemoryInGb()).containerDiskInGb(pod.containerDiskInGb())
                .interruptible(pod.interruptible()).dockerStartCmd(pod.dockerStartCmd());
        pod.env().forEach(builder::env);
        builder.env(PUBLIC_KEY, publicKey);
        if (config.bootstrap()) {
            builder.dockerStartCmd(List.of("bash", "-c", RemoteRun.podStartScript()));
        }
        return builder.build();
    }

    /** @return the name the pod of this launch gets */
    public String podName() {
        return podName;
    }

    /**
     * Runs the launch to its end; the pod is terminated before this returns or throws.
     *
     * @return how it ended
     * @throws IOException if it failed (RunPod refused, the pod never ran, SSH failed, a file differs...)
     */
    public LaunchOutcome run() throws IOException {
        Files.createDirectories(config.output());
        log = Files.newBufferedWriter(config.output().resolve(LOG), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        KeyPair keys = SshKeys.generate();
        PodConnection connection = new PodConnection(config.sshUser(), keys, 8, this::info);
        try {
            return launch(connection, keys);
        } catch (IOException | RuntimeException e) {
            info("failed: " + e.getMessage());
            throw e;
        } finally {
            try {
                connection.close();
            } finally {
                terminateNow();
                ended.countDown();
                closeLog();
            }
        }
    }

    private LaunchOutcome launch(PodConnection connection, KeyPair keys) throws IOException {

        // The bundle first: a missing file is found before anything is rented.
        Bundle bundle = bundle(config);
        info(String.format(Locale.ROOT, "bundle: %d files, %.1f MB", bundle.entries().size(),
                bundle.totalBytes() / 1e6));

        // Create the pod; from here on it bills until terminated.
        PodSpec spec = podFor(config, podName, SshKeys.authorizedKey(keys));
        info("creating pod " + podName + ": " + spec.describe());
        createdAtNanos = System.nanoTime();
        createSent = true;
        Pod pod = client.create(spec);
        podId = pod.id();
        info("pod " + podId + " created");
        if (stopRequested()) {
            return stopped(0);
        }

        // Wait until it runs with a public SSH port, then until its SSH server answers.
        pod = waitUntilReachable(pod);
        if (pod == null) {
            return stopped(0);
        }
        double price = pricePerHour(pod);
        info(String.format(Locale.ROOT, "pod %s running at %s:%d, %s; cost cap %s", podId, pod.publicIp(),
                pod.sshPort(), Double.isNaN(price) ? "price unknown" : String.format(Locale.ROOT, "%.3f per hour",
                        price), config.costCap().describe(price)));
        if (Double.isNaN(price) && config.costCap().limitsSpend()) {
            throw new IOException("RunPod reported no price for the pod, so --max-spend cannot be enforced; give"
                    + " --price-per-hour");
        }
        if (pod.memoryInGb() > 0 && pod.memoryInGb() < config.pod().minMemoryInGb()) {
            throw new IOException(String.format(Locale.ROOT, "the pod has %.0f GB of memory, less than --memory-gb"
                    + " %d; choose a CPU flavour with more memory per vCPU, or more vCPUs", pod.memoryInGb(),
                    config.pod().minMemoryInGb()));
        }
        connection.connect(pod.publicIp(), pod.sshPort(), remainingStartTime(), this::shouldStop);
        if (shouldStop()) {
            return stopped(0);
        }

        // Upload, resuming after a dropped connection, and check the bundle on the pod.
        SftpTransfer transfer = new SftpTransfer(connection, this::shouldStop);
        RemoteRun remote = new RemoteRun(connection, transfer, config.remoteDirectory(), this::remote);
        try {
            upload(transfer, remote, bundle);
        } catch (InterruptedIOException e) {
            if (stopRequested()) {
                return stopped(0);
            }
            throw e;
        }

        // Run, follow, and bring back what it wrote.
        remote.start();
        info("started preflight and fit on the pod");
        return follow(remote);
    }

    private Pod waitUntilReachable(Pod created) throws IOException {
        Pod pod = created;
        long delay = Math.min(2000, config.pollInterval().toMillis());
        while (!pod.isReachable()) {
            if (pod.isStopped()) {
                throw new IOException("the pod " + podId + " stopped (" + pod.desiredStatus() + ") before it ran");
            }
            if (remainingStartTime().isZero()) {
                throw new IOException("the pod " + podId + " did not run with a public SSH port within "
                        + config.startTimeout().toSeconds() + " s (status " + pod.desiredStatus() + ")");
            }
            if (budgetExhausted(pricePerHour(pod))) {
                requestStop(LaunchOutcome.End.COST_CAP);
            }
            if (waitForStop(Math.min(delay, remainingStartTime().toMillis()))) {
                return null;
            }
            delay = Math.min(15_000, delay * 3 / 2 + 1);
            pod = client.get(podId);
        }
        return pod;
    }

    private void upload(SftpTransfer transfer, RemoteRun remote, Bundle bundle) throws IOException {
        String directory = config.remoteDirectory();
        transfer.makeDirectories(directory);
        long start = System.nanoTime();
        long[] sent = {0};
        long[] nextReport = {System.nanoTime() + TimeUnit.SECONDS.toNanos(10)};
        SftpTransfer.Progress progress = bytes -> {
            sent[0] += bytes;
            if (System.nanoTime() > nextReport[0]) {
                nextReport[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                info(String.format(Locale.ROOT, "uploading: %.1f of %.1f MB", sent[0] / 1e6,
                        bundle.totalBytes() / 1e6));
            }
        };
        for (Bundle.Entry entry : bundle.entries()) {
            transfer.upload(entry, directory + "/" + entry.path(), false, progress);
        }
        List<String> bad = remote.verifyBundle(Bundle.MANIFEST);
        if (!bad.isEmpty()) {
            info("the pod's copy of " + bad + " differs from the manifest; sending " + (bad.size() == 1 ? "it" : "them")
                    + " again");
            for (Bundle.Entry entry : bundle.entries()) {
                if (bad.contains(entry.path())) {
                    transfer.upload(entry, directory + "/" + entry.path(), true, progress);
                }
            }
            bad = remote.verifyBundle(Bundle.MANIFEST);
            if (!bad.isEmpty()) {
                throw new IOException("the pod's copy of " + bad + " still differs from the manifest");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        info(String.format(Locale.ROOT, "uploaded %.1f MB in %.1f s (%.1f MB sent); SHA-256 checked on the pod",
                bundle.totalBytes() / 1e6, seconds, sent[0] / 1e6));
    }

    /** Follows the run until it ends, is stopped and has written its files, or the grace after a stop is over. */
    private LaunchOutcome follow(RemoteRun remote) throws IOException {
        Path output = config.output();
        long lastSync = System.nanoTime();
        long stopDeadline = Long.MAX_VALUE;
        boolean stopSent = false;
        OptionalInt exit;
        while (true) {
            boolean chainDone = remote.pollLog().stream().anyMatch(l -> CHAIN_DONE.matcher(l).find());
            exit = remote.exitCode();
            if (exit.isPresent()) {
                break;
            }
            if (shouldStop() && !stopSent) {
                info(stopReason.get() == LaunchOutcome.End.COST_CAP ? "cost cap reached: stopping the fit"
                        : "interrupted: stopping the fit and bringing back what it kept");
                remote.stop();
                stopSent = true;
                stopDeadline = System.nanoTime() + config.stopGrace().toNanos();
            }
            if (System.nanoTime() > stopDeadline) {
                info("the fit did not end within " + config.stopGrace().toSeconds() + " s of the stop");
                break;
            }
            if (chainDone || System.nanoTime() - lastSync >= config.syncInterval().toNanos()) {
                remote.syncOutputs(output);
                lastSync = System.nanoTime();
            }
            sleep(config.pollInterval().toMillis(), stopSent);
        }

        // The last lines and every file; verified when the run ended by itself or after its stop.
        remote.pollLog();
        int files;
        if (exit.isPresent()) {
            files = remote.downloadAndVerify(output).size();
            info("brought back " + files + " files into " + output + ", each matching the pod's SHA-256");
        } else {
            remote.syncOutputs(output);
            try (java.util.stream.Stream<Path> listed = Files.list(output)) {
                files = (int) listed.filter(p -> !p.getFileName().toString().equals(LOG)).count();
            }
            info("brought back " + files + " files into " + output + " (the run did not end: not verified)");
        }
        LaunchOutcome.End end = stopReason.get() == null ? LaunchOutcome.End.COMPLETED : stopReason.get();
        int code = exit.orElse(-1);
        if (end == LaunchOutcome.End.COMPLETED) {
            info("the run on the pod ended with exit code " + code);
        }
        return new LaunchOutcome(end, code, podId, files);
    }

    /**
     * Asks the launch to stop as after Ctrl-C: a run on the pod is stopped and what it kept brought back, then
     * the pod is terminated. Returns at once.
     */
    public void interrupt() {
        requestStop(LaunchOutcome.End.INTERRUPTED);
    }

    /**
     * @param timeout the longest wait
     * @return whether {@link #run()} ended (and so terminated the pod) within it
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * What a shutdown hook does on Ctrl-C: {@link #interrupt()}, then a wait of up to {@link #interruptGrace()}
     * for {@link #run()} to end, and {@link #terminateNow()} if it has not (or the wait is interrupted), so that
     * the pod does not outlive the JVM. Returns once the pod is terminated or the termination failed.
     */
    public void interruptAndTerminate() {
        interrupt();
        try {
            if (!awaitEnd(interruptGrace())) {
                terminateNow();
            }
        } catch (InterruptedException e) {
            terminateNow();
        }
    }

    /** @return the longest the launch may take to end after {@link #interrupt()}, with downloads */
    public Duration interruptGrace() {
        return config.stopGrace().plus(Duration.ofMinutes(2));
    }

    /**
     * Terminates the pod now if it exists and is not terminated yet (a create that may have succeeded is
     * looked for by the pod's name). Idempotent; called by {@link #run()} at its end and by a shutdown hook whose
     * wait ran out.
     */
    public void terminateNow() {
        synchronized (terminateLock) {
            if (terminated || !createSent) {
                return;
            }
            try {
                String id = podId;
                if (id == null) {
                    Optional<Pod> found = client.findByName(podName);
                    if (found.isEmpty()) {
                        terminated = true;
                        // RunPod's list may lag a create that got no answer: say where to look again.
                        info("no pod named " + podName + " is listed: nothing to terminate (should RunPod create it"
                                + " late, `bin/matchup pods` lists it and `bin/matchup pods --terminate` ends it)");
                        return;
                    }
                    id = found.get().id();
                }
                client.terminate(id);
                terminated = true;
                info(String.format(Locale.ROOT, "pod %s terminated after %.1f min", id,
                        (System.nanoTime() - createdAtNanos) / 6e10));
            } catch (IOException | RuntimeException e) {
                info("COULD NOT TERMINATE the pod " + (podId == null ? podName : podId) + ": " + e.getMessage()
                        + "; run `bin/matchup pods --terminate` or terminate it in RunPod's console: it bills until"
                        + " then");
            }
        }
    }

    /** @return whether the pod was terminated (or never created) */
    public boolean isTerminated() {
        synchronized (terminateLock) {
            return terminated || !createSent;
        }
    }

    private LaunchOutcome stopped(int files) {
        return new LaunchOutcome(stopReason.get(), -1, podId, files);
    }

    private double pricePerHour(Pod pod) {
        if (pod != null && pod.costPerHour() > 0) {
            lastKnownPrice = pod.costPerHour();
        }
        return lastKnownPrice > 0 ? lastKnownPrice : config.pricePerHour();
    }

    private boolean budgetExhausted(double price) {
        double hours = (System.nanoTime() - createdAtNanos) / 3.6e12;
        double reserve = config.stopGrace().toMillis() / 3.6e6;
        return hours + reserve >= config.costCap().limitHours(price);
    }

    private Duration remainingStartTime() {
        long left = config.startTimeout().toNanos() - (System.nanoTime() - createdAtNanos);
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private void requestStop(LaunchOutcome.End reason) {
        if (stopReason.compareAndSet(null, reason)) {
            stopSignal.countDown();
        }
    }

    /** @return whether to stop: asked to, or the cost cap is (about to be) reached, which asks */
    private boolean shouldStop() {
        if (stopReason.get() == null && createSent && budgetExhausted(pricePerHour(null))) {
            requestStop(LaunchOutcome.End.COST_CAP);
        }
        return stopRequested();
    }

    private boolean stopRequested() {
        return stopReason.get() != null;
    }

    /** @return whether a stop was requested before the time was up */
    private boolean waitForStop(long millis) throws InterruptedIOException {
        try {
            return stopSignal.await(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private void sleep(long millis, boolean evenIfStopped) throws InterruptedIOException {
        if (evenIfStopped) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        } else {
            waitForStop(millis);
        }
    }

    private void info(String line) {
        String safe = key.redact(line);
        listener.info(safe);
        write("launch: " + safe);
    }

    private void remote(String line) {
        String safe = key.redact(line);
        listener.remote(safe);
        write("pod: " + safe);
    }

    private synchronized void write(String line) {
        if (log == null) {
            return;
        }
        try {
            log.write(Instant.now() + " " + line);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            log = null;
            listener.info("cannot write " + LOG + " any more: " + e.getMessage());
        }
    }

    private synchronized void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                listener.info("cannot close " + LOG + ": " + e.getMessage());
            }
            log = null;
        }
    }
}

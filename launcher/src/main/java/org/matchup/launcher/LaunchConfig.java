package org.matchup.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.matchup.launcher.runpod.PodSpec;
import org.matchup.launcher.runpod.RetryPolicy;
import org.matchup.launcher.runpod.RunPodClient;

/**
 * Everything a launch needs: the pod, the cost cap, the fit (its table and options), the bundle's class path,
 * where the results go, and the timings of polling and waiting. Immutable; build with {@link #builder()}.
 *
 * @param pod the pod to rent (the launch adds its public key and, with {@code bootstrap}, its start command)
 * @param bootstrap whether to start the pod with the launcher's start script (installs sshd and Java 17 with
 *     apt-get when the image lacks them) instead of the image's own start command
 * @param costCap the most the launch may cost
 * @param pricePerHour the pod's price per hour when RunPod does not report it; NaN when unknown
 * @param apiBaseUrl RunPod's REST API
 * @param table the table to fit
 * @param fitOptions the options of {@code matchup fit} and {@code preflight} besides {@code --data} and
 *     {@code --output}, such as {@code --model}, {@code --chains}, {@code --adapt-delta}
 * @param classpath the command line's class path (its jars and the jars of its dependencies)
 * @param output the local directory the results are brought back into
 * @param remoteDirectory the run's directory on the pod
 * @param sshUser the user on the pod
 * @param pollInterval time between reads of the remote log
 * @param syncInterval time between fetches of the remote output directory while the run goes
 * @param startTimeout the longest wait from creation until the pod answers SSH
 * @param stopGrace the longest wait for a stopped run to write its files
 * @param progressSeconds seconds between the remote fit's progress lines
 * @param retry the API's retry policy
 * @param bandwidthMbps the upload and download bandwidth assumed by the plan, in Mbit/s
 */
public record LaunchConfig(PodSpec pod, boolean bootstrap, CostCap costCap, double pricePerHour, URI apiBaseUrl,
        Path table, List<String> fitOptions, List<Path> classpath, Path output, String remoteDirectory,
        String sshUser, Duration pollInterval, Duration syncInterval, Duration startTimeout, Duration stopGrace,
        int progressSeconds, RetryPolicy retry, double bandwidthMbps) {

    /** @throws IllegalArgumentException naming the first value out of range */
    public LaunchConfig {
        fitOptions = List.copyOf(fitOptions);
        classpath = List.copyOf(classpath);
        if (table == null) {
            throw new IllegalArgumentException("--data is required");
        }
        if (output == null) {
            throw new IllegalArgumentException("--output is required");
        }
        if (remoteDirectory == null || !remoteDirectory.startsWith("/") || remoteDirectory.length() < 2
                || remoteDirectory.contains("..")) {
            throw new IllegalArgumentException("--remote-dir must be an absolute directory other than /, got "
                    + remoteDirectory);
        }
        if (!(pricePerHour >= 0) && !Double.isNaN(pricePerHour)) {
            throw new IllegalArgumentException("--price-per-hour must be 0 or more, got " + pricePerHour);
        }
        if (!(bandwidthMbps > 0) || Double.isInfinite(bandwidthMbps)) {
            throw new IllegalArgumentException("--bandwidth-mbps must be positive, got " + bandwidthMbps);
        }
        if (!(progressSeconds >= 1)) {
            throw new IllegalArgumentException("progressSeconds must be at least 1, got " + progressSeconds);
        }
        for (Duration d : List.of(pollInterval, syncInterval, startTimeout, stopGrace)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timings must be positive, got " + d);
            }
        }
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the table's path in the bundle */
    public String remoteTable() {
        return "data/" + table.getFileName();
    }

    /** @return the arguments of {@code matchup preflight} on the pod */
    public List<String> preflightArguments() {
        List<String> arguments = new ArrayList<>(List.of("--data", remoteTable(), "--output", "out"));
        arguments.addAll(fitOptions);
        return arguments;
    }

    /** @return the arguments of {@code matchup fit} on the pod */
    public List<String> fitArguments() {
        List<String> arguments = new ArrayList<>(List.of("--data", remoteTable(), "--output", "out"));
        arguments.addAll(fitOptions);
        arguments.addAll(List.of("--progress-seconds", Integer.toString(progressSeconds)));
        return arguments;
    }

    /** Builds a {@link LaunchConfig}. Not thread safe. */
    public static final class Builder {
        private PodSpec pod = PodSpec.builder().build();
        private boolean bootstrap = true;
        private CostCap costCap = new CostCap(4, 10);
        private double pricePerHour = Double.NaN;
        private URI apiBaseUrl = RunPodClient.DEFAULT_BASE_URL;
        private Path table;
        private List<String> fitOptions = new ArrayList<>();
        private List<Path> classpath = new ArrayList<>();
        private Path output;
        private String remoteDirectory = "/root/matchup-run";
        private String sshUser = "root";
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration syncInterval = Duration.ofSeconds(30);
        private Duration startTimeout = Duration.ofMinutes(15);
        private Duration stopGrace = Duration.ofMinutes(2);
        private int progressSeconds = 10;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private double bandwidthMbps = 100;

        private Builder() {
        }

        /** @param value the pod @return this */
        public Builder pod(PodSpec value) {
            pod = value;
            return this;
        }

        /** @param value whether to use the launcher's start script @return this */
        public Builder bootstrap(boolean value) {
            bootstrap = value;
            return this;
        }

        /** @param value the cost cap @return this */
        public Builder costCap(CostCap value) {
            costCap = value;
            return this;
        }

        /** @param value the price per hour, NaN when unknown @return this */
        public Builder pricePerHour(double value) {
            pricePerHour = value;
            return this;
        }

        /** @param value the API's base URL @return this */
        public Builder apiBaseUrl(URI value) {
            apiBaseUrl = value;
            return this;
        }

        /** @param value the table @return this */
        public Builder table(Path value) {
            table = value;
            return this;
        }

        /** @param value the options of fit and preflight @return this */
        public Builder fitOptions(List<String> value) {
            fitOptions = new ArrayList<>(value);
            return this;
        }

        /** @param value the command line's class path @return this */
        public Builder classpath(List<Path> value) {
            classpath = new ArrayList<>(value);
            return this;
        }

        /** @param value the local output directory @return this */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** @param value the run's directory on the pod @return this */
        public Builder remoteDirectory(String value) {
            remoteDirectory = value;
            return this;
        }

        /** @param value the user on the pod @return this */
        public Builder sshUser(String value) {
            sshUser = value;
            return this;
        }

        /** @param value time between log reads @return this */
        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        /** @param value time between output fetches @return this */
        public Builder syncInterval(Duration value) {
            syncInterval = value;
            return this;
        }

        /** @param value the longest wait for the pod to answer SSH @return this */
        public Builder startTimeout(Duration value) {
            startTimeout = value;
            return this;
        }

        /** @param value the longest wait for a stopped run @return this */
        public Builder stopGrace(Duration value) {
            stopGrace = value;
            return this;
        }

        /** @param value seconds between the remote fit's progress lines @return this */
        public Builder progressSeconds(int value) {
            progressSeconds = value;
            return this;
        }

        /** @param value the API's retry policy @return this */
        public Builder retry(RetryPolicy value) {
            retry = value;
            return this;
        }

        /** @param value bandwidth for the plan, Mbit/s @return this */
        public Builder bandwidthMbps(double value) {
            bandwidthMbps = value;
            return this;
        }

        /** @return the configuration @throws IllegalArgumentException naming a value out of range */
        public LaunchConfig build() {
            return new LaunchConfig(pod, bootstrap, costCap, pricePerHour, apiBaseUrl, table, fitOptions, classpath,
                    output, remoteDirectory, sshUser, pollInterval, syncInterval, startTimeout, stopGrace,
                    progressSeconds, retry, bandwidthMbps);
        }
    }
}

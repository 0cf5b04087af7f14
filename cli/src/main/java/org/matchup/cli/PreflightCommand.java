package org.matchup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.matchup.core.io.AtomicFiles;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.validation.Check;
import org.matchup.core.validation.CheckStatus;
import org.matchup.core.validation.ValidationReport;
import org.matchup.launcher.RunTimeEstimate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup preflight}: before a long run, whether the inputs, the disk, the time and the money suffice:
 * inputs readable, a full parse with the checks of {@code validate}, a SHA-256 manifest, free disk against the
 * expected output, upload time, run time from a short calibration run, cost, and GO or NO-GO. One instance per run.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check inputs, disk, time and cost before a long run; writes manifest.sha256 and"
                + " preflight.txt into the output directory and ends with GO or NO-GO.",
            "Exit codes: 0 GO, 3 NO-GO for resources (disk, an earlier run in the output directory), 2 NO-GO for"
                + " bad input (nothing written), 1 other."})
final class PreflightCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Matchup table, CSV or gzipped.")
    private Path data;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Directory for the manifest and the report; the run's output is expected there too.")
    private Path output;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "matchup-specific",
            description = "Model. Default: ${DEFAULT-VALUE}.")
    private String model;

    @Option(names = "--bandwidth-mbps", paramLabel = "N", defaultValue = "100",
            description = "Upload bandwidth in megabits per second. Default: ${DEFAULT-VALUE}.")
    private double bandwidthMbps;

    @Option(names = "--price-per-hour", paramLabel = "X", defaultValue = "0",
            description = "Price of the machine per hour, in any currency. Default: ${DEFAULT-VALUE}.")
    private double pricePerHour;

    @Mixin
    private SamplerOptions sampler;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(bandwidthMbps > 0 && Double.isFinite(bandwidthMbps))) {
            throw new ExitCodes.BadInputException("--bandwidth-mbps must be positive, got " + bandwidthMbps);
        }
        if (!(pricePerHour >= 0 && Double.isFinite(pricePerHour))) {
            throw new ExitCodes.BadInputException("--price-per-hour must be 0 or more, got " + pricePerHour);
        }
        OutputPaths.checkDirectory(output, "--output");
        SamplerConfig config = sampler.config();
        MatchupModel matchupModel = MatchupModel.named(model);

        // Inputs, a full parse and the checks (the reader refuses a missing, unreadable or directory input);
        // a failed check is bad input and nothing is written.
        StringWriter checksText = new StringWriter();
        ValidationReport report = ValidateCommand.validate(data, matchupModel, config, true,
                new PrintWriter(checksText));
        Check failure = report.firstFailure();
        if (failure != null) {
            throw new ExitCodes.BadInputException(data.getFileName() + ": NO-GO: " + failure.line());
        }
        long size = Files.size(data);
        List<String> lines = new ArrayList<>();
        lines.add(format("input %s: %d bytes, readable, parsed: %s", data, size, report.checks().get(0).summary()));
        checksText.toString().lines().map(l -> "  " + l).forEach(lines::add);

        // Manifest, disk, upload, run time and cost.
        Files.createDirectories(output);
        String digest = sha256(data);
        AtomicFiles.writeString(output.resolve("manifest.sha256"), digest + "  " + data.getFileName() + "\n");
        lines.add(format("manifest: %s/manifest.sha256 (SHA-256 %s)", output, digest));
        int columns = outputColumns(report);
        double expectedBytes = expectedOutputBytes(report, config);
        FileStore store = Files.getFileStore(output.toAbsolutePath());
        long free = store.getUsableSpace();
        boolean diskOk = free > 2 * expectedBytes;
        lines.add(format("disk: expected output %.1f MB (%d chains x %d draws x %d columns), free %.1f GB: %s",
                expectedBytes / 1e6, config.chains(), config.keptDraws(), columns, free / 1e9,
                diskOk ? "enough (at least twice the output)" : "NOT enough: needs twice the expected output"));
        double uploadSeconds = size * 8 / (bandwidthMbps * 1e6);
        lines.add(format("upload: %.1f MB at %s Mbit/s: %.1f s", size / 1e6, bandwidthMbps, uploadSeconds));
        Check calibration = calibration(report);
        double runSeconds = estimatedSeconds(report);
        lines.add(format("run time: %.0f s (%.2f h), from the short run: %s", runSeconds, runSeconds / 3600,
                calibration.summary()));
        double hours = (uploadSeconds + runSeconds) / 3600;
        lines.add(format("cost: %.3f h x %s per hour = %.2f", hours, pricePerHour, hours * pricePerHour));
        List<Path> earlier = FitCommand.earlierRunFiles(output);
        boolean outputFree = earlier.isEmpty();
        lines.add(outputFree ? "output: " + output + " holds no earlier run" : "output: " + output
                + " already holds a run (" + earlier.get(0).getFileName() + "): fit will refuse it without"
                + " --overwrite");
        String verdict = diskOk && outputFree ? "GO" : "NO-GO (" + (diskOk ? "" : "disk")
                + (diskOk || outputFree ? "" : ", ") + (outputFree ? "" : "output directory holds a run") + ")";
        lines.add("preflight: " + verdict);
        AtomicFiles.writeString(output.resolve("preflight.txt"), String.join("\n", lines) + "\n");
        lines.forEach(out::println);
        out.flush();
        return diskOk && outputFree ? Matchup.EXIT_OK : Matchup.EXIT_NOT_CONVERGED;
    }

    /**
     * @param report a validation with the model checks
     * @return its calibration: the short Stan run of the stan-behaviour check
     */
    static Check calibration(ValidationReport report) {
        return report.checks().get(report.checks().size() - 1);
    }

    /**
     * @param report a validation with the model checks
     * @return the calibration's estimate of the full run on this machine, in seconds
     */
    static double estimatedSeconds(ValidationReport report) {
        return ((Number) calibration(report).numbers().get("estimated_seconds")).doubleValue();
    }

    /**
     * @param report a validation with the model checks
     * @return its alignment check, whose numbers hold the output columns
     */
    static Check alignment(ValidationReport report) {
        return report.checks().get(report.checks().size() - 2);
    }

    /**
     * @param report a validation with the model checks
     * @param config the run's configuration
     * @return the expected size of the run's chain files, in bytes
     */
    static double expectedOutputBytes(ValidationReport report, SamplerConfig config) {
        return (double) config.chains() * config.keptDraws() * outputColumns(report) * RunTimeEstimate.BYTES_PER_VALUE;
    }

    private static int outputColumns(ValidationReport report) {
        return ((Number) alignment(report).numbers().get("output_columns")).intValue();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

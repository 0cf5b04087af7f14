package org.matchup.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

import org.matchup.core.sampling.DrawSink;
import org.matchup.core.sampling.SamplerConfig;

/**
 * Writes one chain's output as a Stan CSV file in CmdStan's layout: a comment header with the configuration,
 * the column names ({@code lp__,accept_stat__,...,energy__} then the parameters with dotted indexes), the
 * adaptation comments, one line per draw and the timing comments. Every line is flushed as it is written, so a
 * run killed at any point leaves a file holding every completed draw, which {@link StanCsvReader} reads.
 *
 * <p>Values are written with {@link Double#toString(double)}, which reads back to the same double, so
 * diagnostics recomputed from the file equal those computed from the draws in memory.
 *
 * <p>Not thread safe: one chain's thread writes it.
 */
public final class StanCsvWriter implements DrawSink {

    /** The Stan version whose services produce the draws: the pinned Debian StanHeaders. */
    private static final String STAN_VERSION = "2.21.0";

    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(1 << 14);

    private StanCsvWriter(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Creates (or truncates) a chain's file and writes its configuration header.
     *
     * @param file the file to write
     * @param config the run's configuration
     * @param chain the chain id, 1-based
     * @param modelName the model's name
     * @param dataFile where the data came from, written into the header
     * @return the writer
     * @throws IOException if the file cannot be created
     */
    public static StanCsvWriter create(Path file, SamplerConfig config, int chain, String modelName,
            String dataFile) throws IOException {
        Objects.requireNonNull(config, "config");
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        StanCsvWriter writer = new StanCsvWriter(out);
        try {
            writer.writeHeader(config, chain, modelName, dataFile, file.getFileName().toString());
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return writer;
    }

    private void writeHeader(SamplerConfig c, int chain, String modelName, String dataFile, String fileName)
            throws IOException {
        String[] version = STAN_VERSION.split("\\.");
        String[] header = {
            "stan_version_major = " + version[0],
            "stan_version_minor = " + version[1],
            "stan_version_patch = " + version[2],
            "model = " + modelName,
            "method = sample (Default)",
            "  sample",
            "    num_samples = " + c.draws(),
            "    num_warmup = " + c.warmup(),
            "    save_warmup = 0 (Default)",
            "    thin = " + c.thin(),
            "    adapt",
            "      engaged = 1 (Default)",
            "      gamma = 0.05 (Default)",
            "      delta = " + c.adaptDelta(),
            "      kappa = 0.75 (Default)",
            "      t0 = 10 (Default)",
            "      init_buffer = 75 (Default)",
            "      term_buffer = 50 (Default)",
            "      window = 25 (Default)",
            "    algorithm = hmc (Default)",
            "      hmc",
            "        engine = nuts (Default)",
            "          nuts",
            "            max_depth = " + c.maxTreedepth(),
            "        metric = diag_e (Default)",
            "        stepsize = " + c.stepSize(),
            "        stepsize_jitter = 0 (Default)",
            "id = " + chain,
            "data",
            "  file = " + dataFile,
            "init = " + c.initRadius(),
            "random",
            "  seed = " + c.seed(),
            "output",
            "  file = " + fileName,
            "  interface = matchup (in-process, stan::services::sample::hmc_nuts_diag_e_adapt)",
        };
        for (String entry : header) {
            comment(entry);
        }
    }

    @Override
    public void columns(List<String> columnNames) throws IOException {
        out.write(String.join(",", columnNames));
        out.write('\n');
        out.flush();
    }

    @Override
    public void draw(double[] values) throws IOException {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            appendNumber(line, values[i]);
        }
        line.append('\n');
        out.append(line);
        out.flush();
    }

    @Override
    public void comment(String text) throws IOException {
        out.write(text.isEmpty() ? "#" : "# " + text);
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Integers such as tree depth print without a fraction; non-finite values as C++ prints them. */
    private static void appendNumber(StringBuilder to, double value) {
        if (Double.isNaN(value)) {
            to.append("nan");
        } else if (Double.isInfinite(value)) {
            to.append(value > 0 ? "inf" : "-inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            to.append((long) value);
        } else {
            to.append(value);
        }
    }
}

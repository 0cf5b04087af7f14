package org.matchup.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.matchup.core.draws.Draws;

/**
 * Reads the sampler output of CmdStan ("Stan CSV"), one file per chain.
 *
 * <p>The format, as CmdStan writes it: lines starting with {@code #} are comments (the configuration header
 * before the column names, the adaptation block after them, the timing at the end); the first other line holds
 * the column names, separated by commas; every further line holds one draw, one number per column. Numbers may be
 * {@code nan}, {@code inf} or {@code -inf} as C++ prints them. Blank lines are skipped.
 *
 * <p>When the configuration says {@code save_warmup = 1} (or {@code true}), the first
 * {@code ceil(num_warmup / thin)} draws are warmup, as Stan's services save warmup iteration m (from 0) when
 * {@code m % thin == 0}; they are dropped. If an {@code Adaptation terminated} comment is present, the number of
 * draws before it must agree.
 *
 * <p>Malformed input raises {@link StanCsvFormatException} (an {@link IllegalArgumentException}) whose message
 * names the file, the line and what is wrong there; a file that cannot be read raises
 * {@link UncheckedIOException}.
 *
 * <p>Stateless; thread safe.
 */
public final class StanCsvReader {

    /** {@code key = value} in CmdStan's configuration comments, with an optional {@code (Default)} mark. */
    private static final Pattern CONFIG_ENTRY =
            Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*(?:\\(Default\\))?\\s*$");
    private static final Pattern STEP_SIZE = Pattern.compile("^\\s*Step size\\s*=\\s*(\\S+)\\s*$");
    private static final String ADAPTATION_TERMINATED = "Adaptation terminated";
    private static final String METRIC_HEADING = "elements of inverse mass matrix:";

    private StanCsvReader() {
    }

    /**
     * The step size and inverse metric that adaptation chose, as CmdStan writes them after the column names.
     *
     * <p>Immutable (arrays are copied in and out) and thread safe.
     */
    public static final class Adaptation {

        private final double stepSize;
        private final boolean diagonal;
        private final double[][] inverseMetric;

        /**
         * @param stepSize the adapted step size
         * @param diagonal true for a diagonal metric, written as a single row
         * @param inverseMetric one row for a diagonal metric, n rows of n for a dense one
         */
        public Adaptation(double stepSize, boolean diagonal, double[][] inverseMetric) {
            this.stepSize = stepSize;
            this.diagonal = diagonal;
            this.inverseMetric = deepCopy(Objects.requireNonNull(inverseMetric, "inverseMetric"));
        }

        /** @return the adapted step size, NaN if the file gave none */
        public double stepSize() {
            return stepSize;
        }

        /** @return true for a diagonal metric */
        public boolean isDiagonal() {
            return diagonal;
        }

        /** @return a copy of the inverse metric: one row (the diagonal) or the dense matrix row by row */
        public double[][] inverseMetric() {
            return deepCopy(inverseMetric);
        }
    }

    /**
     * One chain's file as read: its columns, its kept draws and what the comments said.
     *
     * <p>Immutable (arrays are copied out) and thread safe.
     */
    public static final class Chain {

        private final Path file;
        private final int headerLine;
        private final List<String> columnNames;
        private final double[][] values;
        private final int warmupDrawsDropped;
        private final Adaptation adaptation;
        private final Map<String, String> config;

        private Chain(Path file, int headerLine, List<String> columnNames, double[][] values, int warmupDrawsDropped,
                Adaptation adaptation, Map<String, String> config) {
            this.file = file;
            this.headerLine = headerLine;
            this.columnNames = List.copyOf(columnNames);
            this.values = values;
            this.warmupDrawsDropped = warmupDrawsDropped;
            this.adaptation = adaptation;
            this.config = Map.copyOf(config);
        }

        /**
         * @return the configuration comments before the header as {@code key -> value}, the first occurrence of
         *         each key, without CmdStan's {@code (Default)} marks: for example {@code max_depth -> 10}
         */
        public Map<String, String> config() {
            return config;
        }

        /** @return the file read */
        public Path file() {
            return file;
        }

        /** @return the column names in file order */
        public List<String> columnNames() {
            return columnNames;
        }

        /** @return a copy of the kept draws as [column][draw] */
        public double[][] values() {
            return deepCopy(values);
        }

        /** @return the number of kept (post-warmup) draws */
        public int drawCount() {
            return values.length == 0 ? 0 : values[0].length;
        }

        /** @return how many saved warmup draws were dropped; 0 unless the run saved warmup */
        public int warmupDrawsDropped() {
            return warmupDrawsDropped;
        }

        /** @return the adaptation block, if the file has one */
        public Optional<Adaptation> adaptation() {
            return Optional.ofNullable(adaptation);
        }
    }

    /**
     * Reads one file per chain into draws; all files must have the same columns.
     *
     * @param files the chains' files, in chain order
     * @return the post-warmup draws of all chains
     * @throws StanCsvFormatException if a file is malformed or its columns differ from the first file's
     * @throws IllegalArgumentException if {@code files} is empty
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Draws read(List<Path> files) {
        return draws(readChains(files));
    }

    /**
     * Reads one file per chain.
     *
     * @param files the chains' files, in chain order
     * @return each file's chain, in the same order
     * @throws StanCsvFormatException if a file is malformed
     * @throws IllegalArgumentException if {@code files} is empty
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<Chain> readChains(List<Path> files) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files must name at least one Stan CSV file, was empty");
        }
        if (files.size() == 1) {
            return List.of(readChain(files.get(0)));
        }

        // One thread per file, at most one per processor: parsing, not the disk, is the cost.
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "stan-csv-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Chain>> reads = new ArrayList<>(files.size());
            for (Path file : files) {
                reads.add(pool.submit(() -> readChain(file)));
            }
            List<Chain> chains = new ArrayList<>(files.size());
            for (Future<Chain> read : reads) {
                chains.add(result(read));
            }
            return chains;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The chain of a finished read; the first file's failure is thrown as the read threw it. */
    private static Chain result(Future<Chain> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while reading Stan CSV files"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Puts chains read separately together; all must have the same columns.
     *
     * @param chains chains in chain order, at least one
     * @return their post-warmup draws
     * @throws StanCsvFormatException if a chain's columns differ from the first chain's
     */
    public static Draws draws(List<Chain> chains) {
        // Every chain must have the first chain's columns, in the same order.
        Chain first = chains.get(0);
        double[][][] values = new double[chains.size()][][];
        for (int c = 0; c < chains.size(); c++) {
            Chain chain = chains.get(c);
            if (!chain.columnNames.equals(first.columnNames)) {
                throw new StanCsvFormatException(chain.file, chain.headerLine, "columns differ from those of "
                        + first.file + ": " + describeDifference(first.columnNames, chain.columnNames));
            }
            values[c] = chain.values;
        }
        return new Draws(first.columnNames, values);
    }

    /**
     * Reads one chain's file.
     *
     * @param file a Stan CSV file written by CmdStan's sampler
     * @return its columns, post-warmup draws and adaptation block
     * @throws StanCsvFormatException if the file is malformed
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Chain readChain(Path file) {
        Objects.requireNonNull(file, "file");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Stan CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Chain parse(Path file, BufferedReader reader) throws IOException {
        Map<String, String> config = new HashMap<>();
        Map<String, Integer> configLine = new HashMap<>();
        List<String> columnNames = null;
        int headerLine = 0;
        List<double[]> rows = new ArrayList<>();
        int lineNumber = 0;

        // Adaptation block state.
        double stepSize = Double.NaN;
        int adaptationLine = 0;
        int drawsBeforeAdaptation = -1;
        boolean inMetric = false;
        boolean diagonal = false;
        List<double[]> metricRows = null;

        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }

            // Comments: configuration before the header, the adaptation block and timing after it.
            if (trimmed.charAt(0) == '#') {
                String content = trimmed.substring(1).strip();
                if (columnNames == null) {
                    Matcher entry = CONFIG_ENTRY.matcher(content);
                    if (entry.matches() && !config.containsKey(entry.group(1))) {
                        config.put(entry.group(1), entry.group(2));
                        configLine.put(entry.group(1), lineNumber);
                    }
                    continue;
                }
                if (inMetric) {
                    double[] metricRow = parseMetricRow(content);
                    if (metricRow != null) {
                        metricRows.add(metricRow);
                        continue;
                    }
                    inMetric = false;
                }
                if (content.startsWith(ADAPTATION_TERMINATED)) {
                    adaptationLine = lineNumber;
                    drawsBeforeAdaptation = rows.size();
                    continue;
                }
                Matcher step = STEP_SIZE.matcher(content);
                if (step.matches()) {
                    stepSize = parseNumber(step.group(1), file, lineNumber, "step size");
                    continue;
                }
                if (content.toLowerCase(Locale.ROOT).endsWith(METRIC_HEADING)) {
                    inMetric = true;
                    diagonal = content.toLowerCase(Locale.ROOT).startsWith("diagonal");
                    metricRows = new ArrayList<>();
                }
                continue;
            }
            inMetric = false;

            // The first other line is the header of column names.
            String[] fields = line.split(",", -1);
            if (columnNames == null) {
                columnNames = parseHeader(fields, file, lineNumber);
                headerLine = lineNumber;
                continue;
            }

            // Every further line is one draw.
            if (fields.length != columnNames.size()) {
                throw new StanCsvFormatException(file, lineNumber, "expected " + columnNames.size()
                        + " comma-separated values as in the header, found " + fields.length);
            }
            double[] row = new double[fields.length];
            for (int j = 0; j < fields.length; j++) {
                row[j] = parseNumber(fields[j], file, lineNumber, "column " + columnNames.get(j));
            }
            rows.add(row);
        }
        if (columnNames == null) {
            throw new StanCsvFormatException(file, lineNumber, "no header line of column names: the file is empty"
                    + " or holds only comments");
        }

        // Saved warmup draws come first; drop them.
        int warmup = warmupDraws(config, configLine, file);
        if (drawsBeforeAdaptation >= 0 && drawsBeforeAdaptation != warmup) {
            throw new StanCsvFormatException(file, adaptationLine, drawsBeforeAdaptation
                    + " draws precede the adaptation block, but the configuration implies " + warmup
                    + " saved warmup draws");
        }
        if (rows.size() < warmup) {
            throw new StanCsvFormatException(file, lineNumber, "the configuration implies " + warmup
                    + " saved warmup draws, but the file holds only " + rows.size() + " draws");
        }

        // Column-major values of the kept draws.
        int kept = rows.size() - warmup;
        double[][] values = new double[columnNames.size()][kept];
        for (int i = 0; i < kept; i++) {
            double[] row = rows.get(warmup + i);
            for (int j = 0; j < row.length; j++) {
                values[j][i] = row[j];
            }
        }
        Adaptation adaptation = metricRows == null && Double.isNaN(stepSize) ? null
                : new Adaptation(stepSize, diagonal,
                        metricRows == null ? new double[0][] : metricRows.toArray(new double[0][]));
        return new Chain(file, headerLine, columnNames, values, warmup, adaptation, config);
    }

    private static List<String> parseHeader(String[] fields, Path file, int lineNumber) {
        List<String> names = new ArrayList<>(fields.length);
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < fields.length; j++) {
            String name = fields[j].strip();
            if (name.isEmpty()) {
                throw new StanCsvFormatException(file, lineNumber, "header field " + (j + 1)
                        + " is an empty column name");
            }
            if (!seen.add(name)) {
                throw new StanCsvFormatException(file, lineNumber, "header repeats the column name '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Number of saved warmup draws at the start of the file: ceil(num_warmup / thin) when warmup was saved.
     */
    private static int warmupDraws(Map<String, String> config, Map<String, Integer> configLine, Path file) {
        String saveWarmup = config.get("save_warmup");
        if (saveWarmup == null || !parseFlag(saveWarmup, file, configLine.get("save_warmup"))) {
            return 0;
        }
        String numWarmup = config.get("num_warmup");
        if (numWarmup == null) {
            throw new StanCsvFormatException(file, configLine.get("save_warmup"),
                    "save_warmup is set but the configuration gives no num_warmup");
        }
        int warmupIterations = parseCount(numWarmup, "num_warmup", 0, file, configLine.get("num_warmup"));
        int thin = config.containsKey("thin")
                ? parseCount(config.get("thin"), "thin", 1, file, configLine.get("thin")) : 1;
        return (warmupIterations + thin - 1) / thin;
    }

    private static boolean parseFlag(String value, Path file, int lineNumber) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
                return true;
            case "0":
            case "false":
                return false;
            default:
                throw new StanCsvFormatException(file, lineNumber, "save_warmup must be 0, 1, true or false, was '"
                        + value + "'");
        }
    }

    private static int parseCount(String value, String key, int minimum, Path file, int lineNumber) {
        int count;
        try {
            count = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StanCsvFormatException(file, lineNumber, key + " must be an integer, was '" + value + "'");
        }
        if (count < minimum) {
            throw new StanCsvFormatException(file, lineNumber, key + " must be at least " + minimum + ", was "
                    + count);
        }
        return count;
    }

    /** One row of the inverse metric, or null if the comment is not a list of numbers. */
    private static double[] parseMetricRow(String content) {
        if (content.isEmpty()) {
            return null;
        }
        String[] fields = content.split(",", -1);
        double[] row = new double[fields.length];
        for (int j = 0; j < fields.length; j++) {
            Double value = numberOrNull(fields[j].strip());
            if (value == null) {
                return null;
            }
            row[j] = value;
        }
        return row;
    }

    private static double parseNumber(String field, Path file, int lineNumber, String what) {
        String token = field.strip();
        Double value = numberOrNull(token);
        if (value == null) {
            throw new StanCsvFormatException(file, lineNumber, what + ": '" + token + "' is not a number");
        }
        return value;
    }

    /**
     * Parses a decimal number as C++ streams print them, including {@code nan}, {@code inf} and {@code -inf};
     * rejects what Java alone would also accept, such as hexadecimal or a type suffix.
     */
    private static Double numberOrNull(String token) {
        if (token.isEmpty()) {
            return null;
        }
        switch (token.toLowerCase(Locale.ROOT)) {
            case "nan":
            case "-nan":
            case "+nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            boolean allowed = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e'
                    || ch == 'E';
            if (!allowed) {
                return null;
            }
        }
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describeDifference(List<String> expected, List<String> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int j = 0; j < common; j++) {
            if (!expected.get(j).equals(actual.get(j))) {
                return "column " + (j + 1) + " is '" + actual.get(j) + "', expected '" + expected.get(j) + "'";
            }
        }
        return actual.size() + " columns, expected " + expected.size();
    }

    private static double[][] deepCopy(double[][] array) {
        double[][] copy = new double[array.length][];
        for (int i = 0; i < array.length; i++) {
            copy[i] = array[i].clone();
        }
        return copy;
    }
}

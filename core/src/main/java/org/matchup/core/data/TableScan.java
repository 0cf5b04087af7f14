package org.matchup.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One streaming pass over a matchup table that collects what validation needs: the sufficient statistics of
 * {@link SufficientStatistics}, a profile of every column ({@link ColumnProfile}), and the rows that break the
 * format (counted, the first few kept with their positions) instead of stopping at the first. Memory does not
 * grow with the number of rows.
 *
 * <p>Immutable once made; thread safe.
 */
public final class TableScan {

    /** Outcome above this many points per possession is implausible (4 points in half a possession is 8). */
    public static final double MAX_PLAUSIBLE_OUTCOME = 8;
    /** Skill sums beyond this in absolute value are extreme for z-score sums of five players. */
    public static final double EXTREME_Z = 100;

    private final Path file;
    private final long rowsRead;
    private final SufficientStatistics statistics;
    private final List<ColumnProfile> columns;
    private final long badRows;
    private final List<String> badRowExamples;
    private final List<String> implausibleOutcomes;
    private final long negativeOutcomes;
    private final long largeOutcomes;
    private final List<String> extremeValues;

    private TableScan(Path file, long rowsRead, Profiler profiler) {
        this.file = file;
        this.rowsRead = rowsRead;
        this.statistics = profiler.sums.finish();
        this.columns = List.copyOf(profiler.finishColumns());
        this.badRows = profiler.badRows;
        this.badRowExamples = List.copyOf(profiler.badRowExamples);
        this.implausibleOutcomes = List.copyOf(profiler.implausibleOutcomes);
        this.negativeOutcomes = profiler.negativeOutcomes;
        this.largeOutcomes = profiler.largeOutcomes;
        this.extremeValues = List.copyOf(profiler.extremeValues);
    }

    /**
     * Reads a table once.
     *
     * @param file a CSV or gzipped CSV matchup table
     * @param examples how many offending rows to keep of each kind
     * @return the scan
     * @throws MatchupDataException if the file as a whole cannot be read as a table (missing, empty, header,
     *         corrupt compression or quoting); bad rows are counted instead
     * @throws IOException if reading fails for another reason
     */
    public static TableScan of(Path file, int examples) throws IOException {
        Objects.requireNonNull(file, "file");
        Profiler profiler = new Profiler(file, examples);
        long rows = MatchupTableReader.read(file, 0, profiler, profiler::badRow);
        return new TableScan(file, rows, profiler);
    }

    /** @return the table's file */
    public Path file() {
        return file;
    }

    /** @return the data rows read, good and bad */
    public long rowsRead() {
        return rowsRead;
    }

    /** @return the sufficient statistics of the good rows */
    public SufficientStatistics statistics() {
        return statistics;
    }

    /** @return profiles of {@code outcome}, {@code possessions}, then {@code z_off_0..7} and {@code z_def_0..7} */
    public List<ColumnProfile> columns() {
        return columns;
    }

    /** @return rows that break the format and were left out */
    public long badRows() {
        return badRows;
    }

    /** @return the first bad rows' problems, each naming file, row, column and value */
    public List<String> badRowExamples() {
        return badRowExamples;
    }

    /** @return rows whose outcome is negative */
    public long negativeOutcomes() {
        return negativeOutcomes;
    }

    /** @return rows whose outcome exceeds {@link #MAX_PLAUSIBLE_OUTCOME} */
    public long largeOutcomes() {
        return largeOutcomes;
    }

    /** @return the first rows with a negative or too large outcome, with row and value */
    public List<String> implausibleOutcomes() {
        return implausibleOutcomes;
    }

    /** @return the first archetype values beyond {@link #EXTREME_Z}, with row, column and value */
    public List<String> extremeValues() {
        return extremeValues;
    }

    /**
     * The distribution of one numeric column over the good rows (unweighted).
     *
     * @param name the column
     * @param count values seen
     * @param mean their mean
     * @param sd their standard deviation (n - 1 denominator), NaN for fewer than two
     * @param min the smallest
     * @param max the largest
     * @param zeros values equal to zero
     * @param extreme values beyond {@link TableScan#EXTREME_Z} in absolute value
     */
    public record ColumnProfile(String name, long count, double mean, double sd, double min, double max, long zeros,
            long extreme) {

        /** @return the share of zeros, NaN without values */
        public double zeroShare() {
            return count == 0 ? Double.NaN : (double) zeros / count;
        }

        /** @return true when every value is the same (or there are none) */
        public boolean isConstant() {
            return !(max > min);
        }
    }

    /** Running moments of one column: Welford's update. Not thread safe. */
    private static final class Moments {
        long count;
        double mean;
        double squares;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long zeros;
        long extreme;

        void add(double v) {
            count++;
            double delta = v - mean;
            mean += delta / count;
            squares += delta * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
            zeros += v == 0 ? 1 : 0;
            extreme += Math.abs(v) > EXTREME_Z ? 1 : 0;
        }

        ColumnProfile finish(String name) {
            return new ColumnProfile(name, count, count == 0 ? Double.NaN : mean,
                    count < 2 ? Double.NaN : Math.sqrt(squares / (count - 1)), min, max, zeros, extreme);
        }
    }

    /** The visitor and bad-row handler of the pass. Not thread safe. */
    private static final class Profiler implements MatchupRowVisitor {
        private final Path file;
        private final int examples;
        private final SufficientStatistics.Accumulator sums;
        private final Moments outcome = new Moments();
        private final Moments possessions = new Moments();
        private final Moments[] zOff = new Moments[MatchupTableFormat.ARCHETYPE_COUNT];
        private final Moments[] zDef = new Moments[MatchupTableFormat.ARCHETYPE_COUNT];
        private long badRows;
        private final List<String> badRowExamples = new ArrayList<>();
        private final List<String> implausibleOutcomes = new ArrayList<>();
        private long negativeOutcomes;
        private long largeOutcomes;
        private final List<String> extremeValues = new ArrayList<>();

        Profiler(Path file, int examples) {
            this.file = file;
            this.examples = examples;
            this.sums = new SufficientStatistics.Accumulator(file);
            for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
                zOff[a] = new Moments();
                zDef[a] = new Moments();
            }
        }

        @Override
        public void visit(long row, double y, int matchup, double weight, double home, double[] off,
                double[] def) {
            sums.visit(row, y, matchup, weight, home, off, def);
            outcome.add(y);
            possessions.add(weight);
            if (y < 0 || y > MAX_PLAUSIBLE_OUTCOME) {
                if (y < 0) {
                    negativeOutcomes++;
                } else {
                    largeOutcomes++;
                }
                keep(implausibleOutcomes, file.getFileName() + ": row " + row + ", column outcome: " + y
                        + " (possessions " + weight + ")");
            }
            for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
                zOff[a].add(off[a]);
                zDef[a].add(def[a]);
                if (Math.abs(off[a]) > EXTREME_Z) {
                    keep(extremeValues, file.getFileName() + ": row " + row + ", column "
                            + MatchupTableFormat.zOffColumn(a) + ": " + off[a]);
                }
                if (Math.abs(def[a]) > EXTREME_Z) {
                    keep(extremeValues, file.getFileName() + ": row " + row + ", column "
                            + MatchupTableFormat.zDefColumn(a) + ": " + def[a]);
                }
            }
        }

        void badRow(MatchupDataException problem) {
            badRows++;
            keep(badRowExamples, problem.getMessage());
        }

        private void keep(List<String> list, String example) {
            if (list.size() < examples) {
                list.add(example);
            }
        }

        List<ColumnProfile> finishColumns() {
            List<ColumnProfile> profiles = new ArrayList<>();
            profiles.add(outcome.finish(MatchupTableFormat.OUTCOME));
            profiles.add(possessions.finish(MatchupTableFormat.POSSESSIONS));
            for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
                profiles.add(zOff[a].finish(MatchupTableFormat.zOffColumn(a)));
            }
            for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
                profiles.add(zDef[a].finish(MatchupTableFormat.zDefColumn(a)));
            }
            return profiles;
        }
    }
}

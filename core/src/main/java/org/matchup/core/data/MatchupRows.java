package org.matchup.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.matchup.core.model.StanData;

/**
 * The rows of a small matchup table held in memory, for the row-level Stan model and for checks of
 * {@link SufficientStatistics}.
 *
 * <p>Matchups are stored 1-based, as Stan indexes them: {@code matchup()[i] = matchup_id + 1}. The archetype blocks
 * are stored flat and row-major (8 values per row). Rows are kept in file order.
 *
 * <p>Immutable; the arrays handed out are copies; thread safe.
 */
public final class MatchupRows {

    private static final int J = MatchupTableFormat.MATCHUP_COUNT;
    private static final int A = MatchupTableFormat.ARCHETYPE_COUNT;
    /** Most rows one instance can hold: the flat archetype arrays must fit in a Java array. */
    private static final int MAX_ROWS = (Integer.MAX_VALUE - 8) / A;
    private static final int INITIAL_CAPACITY = 1024;

    private final Path source;
    private final int size;
    private final double[] outcome;
    private final int[] matchup;
    private final double[] weight;
    private final double[] home;
    /** zOff[i * 8 + a]. */
    private final double[] zOff;
    /** zDef[i * 8 + a]. */
    private final double[] zDef;

    private MatchupRows(Collector rows) {
        source = rows.source;
        size = rows.size;
        outcome = Arrays.copyOf(rows.outcome, size);
        matchup = Arrays.copyOf(rows.matchup, size);
        weight = Arrays.copyOf(rows.weight, size);
        home = Arrays.copyOf(rows.home, size);
        zOff = Arrays.copyOf(rows.zOff, size * A);
        zDef = Arrays.copyOf(rows.zDef, size * A);
    }

    /**
     * Reads the first rows of a table into memory.
     *
     * @param file a CSV or gzipped CSV matchup table
     * @param maxRows the most rows to read; 0 or less reads all
     * @return the rows, at least one
     * @throws MatchupDataException if the file is missing or malformed (see {@link MatchupTableReader}), or has
     *         more rows than one instance can hold
     * @throws IOException if reading fails for another reason
     */
    public static MatchupRows read(Path file, int maxRows) throws IOException {
        Collector rows = new Collector(file, maxRows);
        MatchupTableReader.read(file, maxRows, rows);
        return new MatchupRows(rows);
    }

    /** @return the file the rows came from */
    public Path source() {
        return source;
    }

    /** @return the number of rows N */
    public int rowCount() {
        return size;
    }

    /** @return the outcome of each row, N values, a copy */
    public double[] outcome() {
        return outcome.clone();
    }

    /** @return the 1-based matchup of each row ({@code matchup_id + 1}), N values, a copy */
    public int[] matchup() {
        return matchup.clone();
    }

    /** @return the weight (possessions, or 1 when the table has none) of each row, N values, a copy */
    public double[] weight() {
        return weight.clone();
    }

    /**
     * @return the venue code of each row's offence ({@value MatchupTableFormat#HOME_CODE} home,
     *         {@value MatchupTableFormat#AWAY_CODE} away, 0 without an offense column), N values, a copy
     */
    public double[] home() {
        return home.clone();
    }

    /** @return {@code z_off_0..7} of each row, N x 8, a copy */
    public double[][] zOff() {
        return rowsOf(zOff);
    }

    /** @return {@code z_def_0..7} of each row, N x 8, a copy */
    public double[][] zDef() {
        return rowsOf(zDef);
    }

    /**
     * Sufficient statistics of these rows, accumulated in file order exactly as
     * {@link SufficientStatistics#compute(Path, long)} accumulates the same rows from the file, so that the two
     * agree to the last bit.
     *
     * @return the statistics
     */
    public SufficientStatistics sufficientStatistics() {
        SufficientStatistics.Accumulator sums = new SufficientStatistics.Accumulator(source);
        double[] off = new double[A];
        double[] def = new double[A];
        for (int i = 0; i < size; i++) {
            System.arraycopy(zOff, i * A, off, 0, A);
            System.arraycopy(zDef, i * A, def, 0, A);
            sums.visit(i + 1L, outcome[i], matchup[i] - 1, weight[i], home[i], off, def);
        }
        return sums.finish();
    }

    /**
     * Data for the row-level Stan model. Its data block reads
     * <pre>
     *   int&lt;lower=1&gt; N;
     *   int&lt;lower=1&gt; J;                          // 36 matchups
     *   int&lt;lower=1&gt; A;                          // 8 archetypes
     *   array[N] int&lt;lower=1, upper=J&gt; matchup;   // matchup_id + 1
     *   matrix[N, A] z_off;                        // given with dims (N, A)
     *   matrix[N, A] z_def;                        // given with dims (N, A)
     *   vector[N] outcome;
     *   vector&lt;lower=0&gt;[N] possessions;           // 1 for every row when the table has no possessions
     * </pre>
     * Values are row-major.
     *
     * @return the data {@code N, J, A, matchup, z_off, z_def, outcome, possessions}
     */
    public StanData toStanData() {
        return StanData.builder()
                .integer("N", size)
                .integer("J", J)
                .integer("A", A)
                .integer("matchup", matchup, size)
                .real("z_off", zOff, size, A)
                .real("z_def", zDef, size, A)
                .real("outcome", outcome, size)
                .real("possessions", weight, size)
                .build();
    }

    private double[][] rowsOf(double[] flat) {
        double[][] result = new double[size][];
        for (int i = 0; i < size; i++) {
            result[i] = Arrays.copyOfRange(flat, i * A, (i + 1) * A);
        }
        return result;
    }

    /** Appends rows to growing arrays; not thread safe. */
    private static final class Collector implements MatchupRowVisitor {
        private final Path source;
        private int size;
        private double[] outcome;
        private int[] matchup;
        private double[] weight;
        private double[] home;
        private double[] zOff;
        private double[] zDef;

        Collector(Path source, int maxRows) {
            this.source = source;
            int capacity = maxRows > 0 ? Math.min(maxRows, INITIAL_CAPACITY) : INITIAL_CAPACITY;
            outcome = new double[capacity];
            matchup = new int[capacity];
            weight = new double[capacity];
            home = new double[capacity];
            zOff = new double[capacity * A];
            zDef = new double[capacity * A];
        }

        @Override
        public void visit(long row, double rowOutcome, int rowMatchup, double rowWeight, double rowHome,
                double[] off, double[] def) {
            if (size == outcome.length) {
                grow(row);
            }
            outcome[size] = rowOutcome;
            matchup[size] = rowMatchup + 1;
            weight[size] = rowWeight;
            home[size] = rowHome;
            System.arraycopy(off, 0, zOff, size * A, A);
            System.arraycopy(def, 0, zDef, size * A, A);
            size++;
        }

        private void grow(long row) {
            if (size >= MAX_ROWS) {
                throw new MatchupDataException(source, row, 0, null, null, "more than " + MAX_ROWS
                        + " rows do not fit in memory as MatchupRows; use SufficientStatistics.compute", null);
            }
            int capacity = (int) Math.min(MAX_ROWS, 2L * size);
            outcome = Arrays.copyOf(outcome, capacity);
            matchup = Arrays.copyOf(matchup, capacity);
            weight = Arrays.copyOf(weight, capacity);
            home = Arrays.copyOf(home, capacity);
            zOff = Arrays.copyOf(zOff, capacity * A);
            zDef = Arrays.copyOf(zDef, capacity * A);
        }
    }
}

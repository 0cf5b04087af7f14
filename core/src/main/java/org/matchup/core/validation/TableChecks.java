package org.matchup.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.matchup.core.data.MatchupTableFormat;
import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.data.TableScan;

/**
 * The checks of a table that need only one pass over it ({@link TableScan}): schema, outcome, matchup
 * distribution, feature variance, feature ranges and identifiability. These are the checks {@code fit} runs before
 * sampling. Each check tests the data's behaviour, not its appearance: a column that parses but is constant, a
 * matchup that is present but nearly empty, a design that is present but singular.
 *
 * <p>Stateless; thread safe.
 */
public final class TableChecks {

    /** A matchup with fewer possessions than this is sparse. */
    public static final double SPARSE_POSSESSIONS = 50;
    /** A pooled points per possession outside this range is not points per possession. */
    public static final double MIN_PLAUSIBLE_MEAN = 0.5;
    /** See {@link #MIN_PLAUSIBLE_MEAN}. */
    public static final double MAX_PLAUSIBLE_MEAN = 2.0;
    /** A z column that is zero in more than this share of rows carries almost no information. */
    public static final double MAX_ZERO_SHARE = 0.99;
    /** A weighted X'X of a matchup with a 2-norm condition number above this is ill-conditioned. */
    public static final double MAX_CONDITION = 1e8;
    /** Offending rows listed per check. */
    public static final int EXAMPLES = 5;

    private TableChecks() {
    }

    /**
     * @param scan one pass over the table
     * @return schema, outcome, matchups, feature variance, feature ranges and identifiability, in that order
     */
    public static List<Check> run(TableScan scan) {
        List<Check> checks = new ArrayList<>();
        checks.add(schema(scan));
        checks.add(outcome(scan));
        checks.add(matchups(scan.statistics()));
        checks.add(featureVariance(scan));
        checks.add(featureRanges(scan));
        checks.add(identifiability(scan.statistics()));
        return checks;
    }

    /** Required columns were found (or the scan would have thrown); every row parses. */
    static Check schema(TableScan scan) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        long good = scan.statistics().rows();
        numbers.put("rows", scan.rowsRead());
        numbers.put("good_rows", good);
        numbers.put("bad_rows", scan.badRows());
        if (scan.badRows() > 0) {
            return new Check("schema", CheckStatus.FAIL, format("%d of %d rows break the format; first: %s",
                    scan.badRows(), scan.rowsRead(), scan.badRowExamples().get(0)),
                    examples(scan.badRowExamples(), scan.badRows()), numbers);
        }
        return new Check("schema", CheckStatus.PASS, format("%d rows, every required column present and every"
                + " value well formed", scan.rowsRead()), List.of(), numbers);
    }

    /** The outcome varies, is points per possession on average, and has few impossible values. */
    static Check outcome(TableScan scan) {
        SufficientStatistics s = scan.statistics();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("weighted_mean", s.outcomeMean());
        numbers.put("weighted_sd", s.outcomeSd());
        numbers.put("min", s.minOutcome());
        numbers.put("max", s.maxOutcome());
        numbers.put("negative", scan.negativeOutcomes());
        numbers.put("above_" + (int) TableScan.MAX_PLAUSIBLE_OUTCOME, scan.largeOutcomes());
        String values = format("possession-weighted mean %.4f, sd %.4f, min %s, max %s", s.outcomeMean(),
                s.outcomeSd(), s.minOutcome(), s.maxOutcome());
        if (s.rows() == 0) {
            return new Check("outcome", CheckStatus.FAIL, "no row has a usable outcome", List.of(), numbers);
        }
        if (s.isOutcomeConstant()) {
            return new Check("outcome", CheckStatus.FAIL, format("column outcome is constant (every row is %s): a"
                    + " placeholder, not data", s.minOutcome() + 0.0), List.of(), numbers);
        }
        if (!(s.outcomeMean() >= MIN_PLAUSIBLE_MEAN && s.outcomeMean() <= MAX_PLAUSIBLE_MEAN)) {
            return new Check("outcome", CheckStatus.FAIL, format("%s: not points per possession (expected a mean"
                    + " between %.1f and %.1f; points per 100 possessions or a wrong column?)", values,
                    MIN_PLAUSIBLE_MEAN, MAX_PLAUSIBLE_MEAN), List.of(), numbers);
        }
        long implausible = scan.negativeOutcomes() + scan.largeOutcomes();
        if (implausible > 0) {
            return new Check("outcome", CheckStatus.WARN, format("%s; %d rows negative and %d above %.0f points per"
                    + " possession, which no possession can score", values, scan.negativeOutcomes(),
                    scan.largeOutcomes(), TableScan.MAX_PLAUSIBLE_OUTCOME),
                    examples(scan.implausibleOutcomes(), implausible), numbers);
        }
        return new Check("outcome", CheckStatus.PASS, values, List.of(), numbers);
    }

    /** How the possessions spread over the 36 matchups. */
    static Check matchups(SufficientStatistics s) {
        List<Double> present = new ArrayList<>();
        List<String> sparse = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < s.matchupCount(); j++) {
            if (s.rowCount(j) == 0) {
                missing.add(Integer.toString(j));
                continue;
            }
            present.add(s.weightSum(j));
            if (s.weightSum(j) < SPARSE_POSSESSIONS) {
                sparse.add(format("matchup %d: %.1f possessions in %d rows", j, s.weightSum(j), s.rowCount(j)));
            }
        }
        double[] sorted = present.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("present", sorted.length);
        numbers.put("expected", s.matchupCount());
        if (sorted.length == 0) {
            return new Check("matchups", CheckStatus.FAIL, "no matchup has a row", List.of(), numbers);
        }
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        numbers.put("possessions_min", min);
        numbers.put("possessions_median", median);
        numbers.put("possessions_max", max);
        numbers.put("imbalance_ratio", max / min);
        numbers.put("sparse", sparse.size());
        String values = format("%d of %d matchups present; possessions per matchup min %.1f, median %.1f, max %.1f;"
                + " imbalance %.1f", sorted.length, s.matchupCount(), min, median, max, max / min);
        List<String> details = new ArrayList<>(sparse);
        if (!missing.isEmpty()) {
            details.add("missing matchups: " + String.join(", ", missing));
        }
        if (sorted.length < 2) {
            return new Check("matchups", CheckStatus.FAIL, values + ": a single matchup cannot inform a matchup"
                    + " model (matchup_id is constant)", details, numbers);
        }
        if (!missing.isEmpty() || !sparse.isEmpty()) {
            return new Check("matchups", CheckStatus.WARN, values + format("; %d missing, %d sparse (under %.0f"
                    + " possessions): their coefficients are mostly prior", missing.size(), sparse.size(),
                    SPARSE_POSSESSIONS), details, numbers);
        }
        return new Check("matchups", CheckStatus.PASS, values, details, numbers);
    }

    /** Every archetype column varies; none is (almost) all zeros. */
    static Check featureVariance(TableScan scan) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        List<String> details = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        List<String> mostlyZero = new ArrayList<>();
        for (TableScan.ColumnProfile column : zColumns(scan)) {
            numbers.put(column.name() + "_sd", column.sd());
            numbers.put(column.name() + "_zero_share", column.zeroShare());
            details.add(format("%s: sd %.4f, zeros %.1f %%", column.name(), column.sd(), 100 * column.zeroShare()));
            if (column.isConstant()) {
                constant.add(column.name() + " (every row " + (column.min() + 0.0) + ")");
            } else if (column.zeroShare() > MAX_ZERO_SHARE) {
                mostlyZero.add(column.name());
            }
        }
        if (!constant.isEmpty()) {
            return new Check("feature-variance", CheckStatus.FAIL, "constant column, a placeholder: "
                    + String.join(", ", constant), details, numbers);
        }
        if (!mostlyZero.isEmpty()) {
            return new Check("feature-variance", CheckStatus.WARN, format("zero in more than %.0f %% of rows: %s",
                    100 * MAX_ZERO_SHARE, String.join(", ", mostlyZero)), details, numbers);
        }
        return new Check("feature-variance", CheckStatus.PASS, "all 16 archetype columns vary; zero share at most "
                + format("%.1f %%", 100 * zColumns(scan).stream().mapToDouble(TableScan.ColumnProfile::zeroShare)
                        .max().orElse(Double.NaN)), details, numbers);
    }

    /** Archetype values are finite (bad rows otherwise) and not extreme. */
    static Check featureRanges(TableScan scan) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        long extreme = 0;
        double largest = 0;
        for (TableScan.ColumnProfile column : zColumns(scan)) {
            extreme += column.extreme();
            largest = Math.max(largest, Math.max(Math.abs(column.min()), Math.abs(column.max())));
        }
        numbers.put("max_abs", largest);
        numbers.put("extreme", extreme);
        if (extreme > 0) {
            return new Check("feature-ranges", CheckStatus.WARN, format("%d values with |z| > %.0f (largest %s)",
                    extreme, TableScan.EXTREME_Z, largest), examples(scan.extremeValues(), extreme), numbers);
        }
        return new Check("feature-ranges", CheckStatus.PASS, format("every archetype value finite, largest |z| %.4f",
                largest), List.of(), numbers);
    }

    /** Each present matchup's weighted X'X is well conditioned, so its regression is identified. */
    static Check identifiability(SufficientStatistics s) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        List<String> details = new ArrayList<>();
        List<String> ill = new ArrayList<>();
        double worst = 0;
        int worstMatchup = -1;
        for (int j = 0; j < s.matchupCount(); j++) {
            if (s.rowCount(j) == 0) {
                continue;
            }
            double[][] xx = s.xWx(j);
            DMatrixRMaj matrix = new DMatrixRMaj(xx);
            double condition = NormOps_DDRM.conditionP2(matrix);
            if (!Double.isFinite(condition) || s.rowCount(j) < MatchupTableFormat.COEFFICIENT_COUNT) {
                condition = Double.POSITIVE_INFINITY;
            }
            numbers.put("condition_" + j, condition);
            if (!(condition <= worst)) {
                worst = condition;
                worstMatchup = j;
            }
            if (!(condition <= MAX_CONDITION)) {
                ill.add(format("matchup %d: condition number %.3g with %d rows", j, condition, s.rowCount(j)));
            }
        }
        numbers.put("max_condition", worst);
        details.addAll(ill);
        if (worstMatchup < 0) {
            return new Check("identifiability", CheckStatus.FAIL, "no matchup has rows", details, numbers);
        }
        if (!ill.isEmpty()) {
            return new Check("identifiability", CheckStatus.WARN, format("%d matchups have an ill-conditioned"
                    + " weighted X'X (condition number above %.0e): their coefficients rest on the prior",
                    ill.size(), MAX_CONDITION), details, numbers);
        }
        return new Check("identifiability", CheckStatus.PASS, format("every present matchup's weighted X'X is well"
                + " conditioned; worst condition number %.3g (matchup %d)", worst, worstMatchup), details, numbers);
    }

    /** The kept examples, and a last line that says how many more there are. */
    private static List<String> examples(List<String> kept, long total) {
        List<String> lines = new ArrayList<>(kept);
        if (total > kept.size()) {
            lines.add(format("... and %d more (the first %d are listed)", total - kept.size(), kept.size()));
        }
        return lines;
    }

    private static List<TableScan.ColumnProfile> zColumns(TableScan scan) {
        return scan.columns().subList(2, 2 + 2 * MatchupTableFormat.ARCHETYPE_COUNT);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

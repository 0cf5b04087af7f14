package org.matchup.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Column names and sizes of the matchup modelling table ({@code matchups_train.csv.gz},
 * {@code matchups_holdout.csv.gz}).
 *
 * <p>Required columns: {@value #OUTCOME}, {@value #MATCHUP_ID}, {@code z_off_0 .. z_off_7} and
 * {@code z_def_0 .. z_def_7}. Optional: {@value #POSSESSIONS}, the likelihood weight (every row weighs 1 when
 * the column is absent), and {@value #OFFENSE}, {@code home} or {@code away}, the venue of the offence, coded
 * {@value #HOME_CODE} and {@value #AWAY_CODE} (every row is coded 0, neutral, when the column is absent). Any
 * other column ({@code season}, {@code game_id}, {@code points}, ...) is ignored.
 *
 * <p>The regression row of the model is {@code x = [1, z_off_0..7, z_def_0..7]} with
 * {@link #COEFFICIENT_COUNT} = 17 entries; see {@link SufficientStatistics} for the sign of the defence block.
 *
 * <p>Constants only; thread safe.
 */
public final class MatchupTableFormat {

    /** Column of the outcome: points per offensive possession of the stint. */
    public static final String OUTCOME = "outcome";

    /** Column of the matchup id, {@code off_supercluster * 6 + def_supercluster}, 0-based. */
    public static final String MATCHUP_ID = "matchup_id";

    /** Optional column of the offensive possessions of the stint, the weight of the row. */
    public static final String POSSESSIONS = "possessions";

    /** Optional column of the offence's venue, {@code home} or {@code away}. */
    public static final String OFFENSE = "offense";

    /**
     * Code of a home offence. Home and away are coded +1/2 and -1/2, so that an intercept is the neutral-court
     * value and the home coefficient is the home-minus-away difference.
     */
    public static final double HOME_CODE = 0.5;

    /** Code of an away offence. */
    public static final double AWAY_CODE = -0.5;

    /** Prefix of the offensive archetype columns, followed by the archetype 0..7. */
    public static final String Z_OFF_PREFIX = "z_off_";

    /** Prefix of the defensive archetype columns, followed by the archetype 0..7. */
    public static final String Z_DEF_PREFIX = "z_def_";

    /** Number of lineup superclusters on each side. */
    public static final int SUPERCLUSTER_COUNT = 6;

    /** Number of matchups, offensive times defensive superclusters; ids run 0..35. */
    public static final int MATCHUP_COUNT = SUPERCLUSTER_COUNT * SUPERCLUSTER_COUNT;

    /** Number of player archetypes, the length of the {@code z_off} and {@code z_def} blocks. */
    public static final int ARCHETYPE_COUNT = 8;

    /** Length of the regression row {@code [1, z_off_0..7, z_def_0..7]}. */
    public static final int COEFFICIENT_COUNT = 1 + 2 * ARCHETYPE_COUNT;

    private static final List<String> REQUIRED_COLUMNS = requiredColumnList();

    private MatchupTableFormat() {
    }

    /**
     * Name of an offensive archetype column.
     *
     * @param archetype the archetype, 0..7
     * @return {@code "z_off_" + archetype}
     * @throws IllegalArgumentException if the archetype is outside 0..7
     */
    public static String zOffColumn(int archetype) {
        return Z_OFF_PREFIX + checkArchetype(archetype);
    }

    /**
     * Name of a defensive archetype column.
     *
     * @param archetype the archetype, 0..7
     * @return {@code "z_def_" + archetype}
     * @throws IllegalArgumentException if the archetype is outside 0..7
     */
    public static String zDefColumn(int archetype) {
        return Z_DEF_PREFIX + checkArchetype(archetype);
    }

    /**
     * The columns every table must have.
     *
     * @return {@code outcome, matchup_id, z_off_0..7, z_def_0..7}, unmodifiable
     */
    public static List<String> requiredColumns() {
        return REQUIRED_COLUMNS;
    }

    private static int checkArchetype(int archetype) {
        if (archetype < 0 || archetype >= ARCHETYPE_COUNT) {
            throw new IllegalArgumentException("archetype must be in 0.." + (ARCHETYPE_COUNT - 1) + ": " + archetype);
        }
        return archetype;
    }

    private static List<String> requiredColumnList() {
        List<String> columns = new ArrayList<>();
        columns.add(OUTCOME);
        columns.add(MATCHUP_ID);
        for (int a = 0; a < ARCHETYPE_COUNT; a++) {
            columns.add(Z_OFF_PREFIX + a);
        }
        for (int a = 0; a < ARCHETYPE_COUNT; a++) {
            columns.add(Z_DEF_PREFIX + a);
        }
        return Collections.unmodifiableList(columns);
    }
}

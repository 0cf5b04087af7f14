package org.matchup.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.matchup.core.data.MatchupRows;
import org.matchup.core.data.SufficientStatistics;

/**
 * The matchup models compiled into this project, each a {@code .stan} file in the {@code stan} module, with the
 * data each one takes from a matchup table.
 *
 * <p>Thread safe (an enum without state).
 */
public enum MatchupModel {

    /**
     * The reference system's model: 36 matchup intercepts, 36 x 8 positive offensive and defensive archetype
     * coefficients and one sigma, with the likelihood written through per-matchup sufficient statistics.
     */
    MATCHUP_SPECIFIC("matchup-specific", false),

    /** The same density with one likelihood term per row; for tests and benchmarks, slow on big tables. */
    MATCHUP_SPECIFIC_ROWS("matchup-specific-rows", true),

    /**
     * Partial pooling: each matchup's intercept and archetype coefficients come from a population (a mean and a
     * scale per coefficient), non-centred, without sign constraints.
     */
    MATCHUP_HIERARCHICAL("matchup-hierarchical", false),

    /**
     * The same density as {@link #MATCHUP_HIERARCHICAL} written entirely in Stan, its gradient by Stan's autodiff
     * (the hierarchical model before its likelihood got a hand-written gradient); for tests and benchmarks.
     */
    MATCHUP_HIERARCHICAL_AUTODIFF("matchup-hierarchical-autodiff", false),

    /** The reference system's fallback: one intercept, 8 + 8 positive archetype coefficients and sigma for all. */
    SIMPLIFIED("simplified", false),

    /** One intercept and sigma. */
    BASELINE("baseline", false);

    private final String modelName;
    private final boolean rowByRow;

    MatchupModel(String modelName, boolean rowByRow) {
        this.modelName = modelName;
        this.rowByRow = rowByRow;
    }

    /** @return the name used on the command line and for the compiled library, such as {@code matchup-specific} */
    public String modelName() {
        return modelName;
    }

    /** @return true when the model takes the table's rows rather than its sufficient statistics */
    public boolean isRowByRow() {
        return rowByRow;
    }

    /** @return the compiled model, extracted from the class path */
    public ModelLibrary library() {
        return ModelLibrary.named(modelName);
    }

    /**
     * The Stan data of this model for a table.
     *
     * @param table the table's file, read again for a row-by-row model
     * @param statistics the table's sufficient statistics, already computed in one pass
     * @return the data block's variables
     * @throws IOException if the table cannot be read
     */
    public StanData data(Path table, SufficientStatistics statistics) throws IOException {
        return rowByRow ? MatchupRows.read(table, 0).toStanData() : statistics.toStanData();
    }

    /**
     * @param name a model name such as {@code matchup-specific}
     * @return the model of that name
     * @throws IllegalArgumentException naming the known models when there is none
     */
    public static MatchupModel named(String name) {
        for (MatchupModel model : values()) {
            if (model.modelName.equals(name.toLowerCase(Locale.ROOT))) {
                return model;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + names());
    }

    /**
     * The model whose compiled name (the {@code model} entry of its Stan CSV files, such as
     * {@code matchup_hierarchical_model}) is given.
     *
     * @param stanName the name stanc gave the compiled model
     * @return the model, or empty for a model that is not one of these
     */
    public static Optional<MatchupModel> ofStanName(String stanName) {
        return Arrays.stream(values())
                .filter(model -> (model.modelName.replace('-', '_') + "_model").equals(stanName))
                .findFirst();
    }

    /** @return the known model names, comma-separated */
    public static String names() {
        return Arrays.stream(values()).map(MatchupModel::modelName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return modelName;
    }
}

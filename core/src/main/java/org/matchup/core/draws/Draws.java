package org.matchup.core.draws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posterior draws of several chains: for each chain, one array of values per column, in the column order of
 * Stan's output (sampler columns such as {@code lp__} first, then the constrained parameters with CmdStan's
 * dotted names such as {@code beta_off.3.5}).
 *
 * <p>Immutable once built; the arrays handed out are copies, so instances are thread safe.
 */
public final class Draws {

    private final List<String> columnNames;
    private final Map<String, Integer> columnIndex;
    /** values[chain][column][draw]. */
    private final double[][][] values;

    /**
     * Creates draws from per-chain, column-major arrays.
     *
     * @param columnNames names of the columns, in output order
     * @param values values[chain][column][draw]; every chain must have one array per column, all of equal length
     *               within a chain
     * @throws IllegalArgumentException if the shapes disagree with the names
     */
    public Draws(List<String> columnNames, double[][][] values) {
        this.columnNames = List.copyOf(columnNames);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.columnNames.size(); i++) {
            if (index.put(this.columnNames.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate column name: " + this.columnNames.get(i));
            }
        }
        this.columnIndex = Collections.unmodifiableMap(index);
        this.values = new double[values.length][][];
        for (int c = 0; c < values.length; c++) {
            if (values[c].length != this.columnNames.size()) {
                throw new IllegalArgumentException("chain " + (c + 1) + " has " + values[c].length
                        + " columns, expected " + this.columnNames.size());
            }
            this.values[c] = new double[values[c].length][];
            for (int j = 0; j < values[c].length; j++) {
                if (values[c][j].length != values[c][0].length) {
                    throw new IllegalArgumentException("chain " + (c + 1) + " column " + this.columnNames.get(j)
                            + " has " + values[c][j].length + " draws, expected " + values[c][0].length);
                }
                this.values[c][j] = values[c][j].clone();
            }
        }
    }

    /** @return the column names in output order */
    public List<String> columnNames() {
        return columnNames;
    }

    /** @return the number of chains */
    public int chainCount() {
        return values.length;
    }

    /**
     * @param chain zero-based chain index
     * @return the number of draws kept for that chain
     */
    public int drawCount(int chain) {
        return values[chain].length == 0 ? 0 : values[chain][0].length;
    }

    /**
     * @param name a column name
     * @return true when the draws have that column
     */
    public boolean hasColumn(String name) {
        return columnIndex.containsKey(name);
    }

    /**
     * @param name a column name
     * @return its zero-based index
     * @throws IllegalArgumentException if there is no such column
     */
    public int columnIndex(String name) {
        Integer index = columnIndex.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no column named '" + name + "'");
        }
        return index;
    }

    /**
     * @param name a column name
     * @return a copy of its values as [chain][draw]
     */
    public double[][] column(String name) {
        return column(columnIndex(name));
    }

    /**
     * @param index zero-based column index
     * @return a copy of its values as [chain][draw]
     */
    public double[][] column(int index) {
        double[][] result = new double[values.length][];
        for (int c = 0; c < values.length; c++) {
            result[c] = values[c][index].clone();
        }
        return result;
    }

    /**
     * The draws that chain diagnostics can use when chains kept different numbers of draws (an interrupted run):
     * chains without draws are left out and the others are cut to the shortest.
     *
     * @return these draws when every chain has the same number of draws, otherwise the trimmed copy
     */
    public Draws trimmedToEqualLength() {
        List<Integer> kept = new ArrayList<>();
        int shortest = Integer.MAX_VALUE;
        for (int c = 0; c < values.length; c++) {
            if (drawCount(c) > 0) {
                kept.add(c);
                shortest = Math.min(shortest, drawCount(c));
            }
        }
        boolean equal = kept.size() == values.length && kept.stream().allMatch(c -> drawCount(c) == drawCount(0));
        if (kept.isEmpty() || equal) {
            return this;
        }
        double[][][] trimmed = new double[kept.size()][columnNames.size()][];
        for (int k = 0; k < kept.size(); k++) {
            for (int j = 0; j < columnNames.size(); j++) {
                trimmed[k][j] = Arrays.copyOf(values[kept.get(k)][j], shortest);
            }
        }
        return new Draws(columnNames, trimmed);
    }

    /**
     * @return the names of the model's columns: all but the sampler columns, which end in two underscores
     */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String name : columnNames) {
            if (!name.endsWith("__")) {
                names.add(name);
            }
        }
        return names;
    }
}

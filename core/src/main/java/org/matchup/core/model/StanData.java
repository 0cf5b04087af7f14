package org.matchup.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named data for a Stan model: real and integer variables with their dimensions, as a Stan program's
 * {@code data} block declares them.
 *
 * <p>Values are given in row-major order (the last index varies fastest, as in a Java {@code double[][]});
 * Stan's data contexts want column-major order (the first index fastest), and {@link #columnMajorReals} and
 * {@link #columnMajorInts} convert. Immutable and thread safe once built.
 */
public final class StanData {

    /** One variable: its name, dimensions, and row-major values (exactly one of the two arrays is set). */
    public record Variable(String name, int[] dims, double[] reals, int[] ints) {

        /** @return true for an integer variable */
        public boolean isInteger() {
            return ints != null;
        }

        /** @return the number of scalar values, the product of the dimensions */
        public int size() {
            return isInteger() ? ints.length : reals.length;
        }
    }

    private final Map<String, Variable> variables;

    private StanData(Map<String, Variable> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the variables in the order they were added */
    public List<Variable> variables() {
        return new ArrayList<>(variables.values());
    }

    /**
     * @param name a variable name
     * @return the variable, or null when absent
     */
    public Variable variable(String name) {
        return variables.get(name);
    }

    /**
     * @param variable a real variable
     * @return its values in column-major order
     */
    public static double[] columnMajorReals(Variable variable) {
        double[] result = new double[variable.reals().length];
        int[] order = columnMajorOrder(variable.dims());
        for (int i = 0; i < order.length; i++) {
            result[i] = variable.reals()[order[i]];
        }
        return result;
    }

    /**
     * @param variable an integer variable
     * @return its values in column-major order
     */
    public static int[] columnMajorInts(Variable variable) {
        int[] result = new int[variable.ints().length];
        int[] order = columnMajorOrder(variable.dims());
        for (int i = 0; i < order.length; i++) {
            result[i] = variable.ints()[order[i]];
        }
        return result;
    }

    /** For each column-major position, the row-major position holding the same element. */
    private static int[] columnMajorOrder(int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        int[] order = new int[size];
        int[] index = new int[dims.length];
        for (int position = 0; position < size; position++) {

            // Row-major offset of the current multi-index.
            int rowMajor = 0;
            for (int k = 0; k < dims.length; k++) {
                rowMajor = rowMajor * dims[k] + index[k];
            }
            order[position] = rowMajor;

            // Advance the multi-index with the first index fastest.
            for (int k = 0; k < dims.length; k++) {
                if (++index[k] < dims[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return order;
    }

    /** Collects variables; not thread safe. */
    public static final class Builder {
        private final Map<String, Variable> variables = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a real scalar.
         *
         * @param name the data block's variable name
         * @param value its value
         * @return this builder
         */
        public Builder real(String name, double value) {
            return real(name, new double[] {value});
        }

        /**
         * Adds a real array, vector or matrix given in row-major order.
         *
         * @param name the data block's variable name
         * @param values the values, row-major
         * @param dims the dimensions; none for a scalar
         * @return this builder
         * @throws IllegalArgumentException if the number of values is not the product of the dimensions
         */
        public Builder real(String name, double[] values, int... dims) {
            checkSize(name, values.length, dims);
            return add(new Variable(name, dims.clone(), values.clone(), null));
        }

        /**
         * Adds an integer scalar.
         *
         * @param name the data block's variable name
         * @param value its value
         * @return this builder
         */
        public Builder integer(String name, int value) {
            return integer(name, new int[] {value});
        }

        /**
         * Adds an integer array given in row-major order.
         *
         * @param name the data block's variable name
         * @param values the values, row-major
         * @param dims the dimensions; none for a scalar
         * @return this builder
         * @throws IllegalArgumentException if the number of values is not the product of the dimensions
         */
        public Builder integer(String name, int[] values, int... dims) {
            checkSize(name, values.length, dims);
            return add(new Variable(name, dims.clone(), null, values.clone()));
        }

        /** @return the immutable data */
        public StanData build() {
            return new StanData(variables);
        }

        private Builder add(Variable variable) {
            if (variables.containsKey(variable.name())) {
                throw new IllegalArgumentException("data variable '" + variable.name() + "' given twice");
            }
            variables.put(variable.name(), variable);
            return this;
        }

        private static void checkSize(String name, int length, int[] dims) {
            long expected = 1;
            for (int d : dims) {
                if (d < 0) {
                    throw new IllegalArgumentException("data variable '" + name + "' has a negative dimension: "
                            + Arrays.toString(dims));
                }
                expected *= d;
            }
            if (dims.length == 0 ? length != 1 : expected != length) {
                throw new IllegalArgumentException("data variable '" + name + "' has " + length
                        + " values but dimensions " + Arrays.toString(dims));
            }
        }
    }
}

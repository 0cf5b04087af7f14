package org.matchup.core.sampling;

import java.io.IOException;
import java.util.List;

/**
 * Receives one chain's output as it is produced, for example a Stan CSV file. Called from the chain's
 * thread only; an implementation need not be thread safe.
 */
public interface DrawSink extends AutoCloseable {

    /** A sink that discards everything, for draws kept in memory only. */
    DrawSink NONE = new DrawSink() {
        @Override
        public void columns(List<String> columnNames) {
        }

        @Override
        public void draw(double[] values) {
        }

        @Override
        public void comment(String text) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * @param columnNames the column names, once, before any draw
     * @throws IOException if writing fails (the chain then stops)
     */
    void columns(List<String> columnNames) throws IOException;

    /**
     * @param values one kept draw
     * @throws IOException if writing fails (the chain then stops)
     */
    void draw(double[] values) throws IOException;

    /**
     * @param text a line of the sampler's output that is not a draw (adaptation, timing); may be empty
     * @throws IOException if writing fails
     */
    void comment(String text) throws IOException;

    /** @throws IOException if the final write fails */
    @Override
    void close() throws IOException;
}

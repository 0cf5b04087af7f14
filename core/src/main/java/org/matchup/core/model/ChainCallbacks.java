package org.matchup.core.model;

import java.util.List;

/**
 * What one chain of {@link StanModel#sampleNuts} reports, on the thread that runs it. An exception thrown
 * here stops the chain and is rethrown by {@code sampleNuts}.
 */
public interface ChainCallbacks {

    /**
     * Called once, before the first draw.
     *
     * @param columnNames sampler columns ({@code lp__} ... {@code energy__}), then the constrained values
     */
    void onColumnNames(List<String> columnNames);

    /**
     * Called for each kept draw.
     *
     * @param values one value per column; the array is reused after this call returns
     */
    void onDraw(double[] values);

    /**
     * Called for each message Stan writes into its output (adaptation results, timing) or logs.
     *
     * @param kind what kind of message
     * @param message the text; empty for a blank line
     */
    void onMessage(StanMessageKind kind, String message);

    /**
     * Called before each iteration.
     *
     * @param iterationsDone warmup and sampling iterations finished so far
     * @return true to stop the chain now
     */
    boolean onIteration(int iterationsDone);
}

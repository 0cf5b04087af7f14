package org.matchup.core.model;

/**
 * An error reported by Stan through the native bridge: bad data, a {@code reject} statement, a density
 * that cannot be evaluated, or a sampler that could not start. The message is Stan's own.
 */
public class StanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, including Stan's message
     */
    public StanException(String message) {
        super(message);
    }
}

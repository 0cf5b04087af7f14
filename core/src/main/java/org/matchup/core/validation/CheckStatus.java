package org.matchup.core.validation;

/** The outcome of one validation check, in increasing severity. */
public enum CheckStatus {
    /** Nothing wrong. */
    PASS,
    /** Worth a look; does not stop a fit. */
    WARN,
    /** The table or model must not be fitted as it is. */
    FAIL;

    /**
     * @param other another status
     * @return the more severe of the two
     */
    public CheckStatus worst(CheckStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}

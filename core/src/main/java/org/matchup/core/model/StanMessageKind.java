package org.matchup.core.model;

/** Where a message from Stan comes from: the sampler's output stream or its logger at some level. */
public enum StanMessageKind {
    /** Written into the sampler's output, as CmdStan writes it into the CSV file as a comment. */
    OUTPUT,
    /** Logger, debug level. */
    DEBUG,
    /** Logger, info level (initialisation, gradient timing). */
    INFO,
    /** Logger, warn level. */
    WARN,
    /** Logger, error level. */
    ERROR,
    /** Logger, fatal level. */
    FATAL;

    /**
     * @param code an {@code SB_MESSAGE_*} code of stan_bridge.h
     * @return the kind
     */
    static StanMessageKind fromCode(int code) {
        StanMessageKind[] kinds = values();
        return code >= 0 && code < kinds.length ? kinds[code] : INFO;
    }
}

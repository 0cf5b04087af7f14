package org.matchup.launcher.runpod;

import java.io.IOException;

/**
 * RunPod's API refused a request or could not be reached after every retry. The message names the request and
 * RunPod's own words, redacted; it never holds the API key.
 */
public class RunPodException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param message what failed
     * @param status the HTTP status, or 0 when no answer came
     */
    public RunPodException(String message, int status) {
        super(message);
        this.status = status;
    }

    /**
     * A failure without an answer from RunPod.
     *
     * @param message what failed, redacted
     * @param cause the connection's failure, kept for {@code --debug}
     */
    public RunPodException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** @return the HTTP status of the last answer, or 0 when none came */
    public int status() {
        return status;
    }

    /** RunPod has no machine for the pod's specification now. Nothing was created or billed. */
    public static final class NoCapacity extends RunPodException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what failed
         * @param status the HTTP status
         */
        public NoCapacity(String message, int status) {
            super(message, status);
        }
    }

    /** RunPod refused the API key (401) or its permissions (403). */
    public static final class Unauthorized extends RunPodException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what failed
         * @param status the HTTP status
         */
        public Unauthorized(String message, int status) {
            super(message, status);
        }
    }
}

package org.matchup.launcher.runpod;

/** No usable API key: missing, empty, or in a file that others can read. The message never holds the key. */
public final class ApiKeyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public ApiKeyException(String message) {
        super(message);
    }
}

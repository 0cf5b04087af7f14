package org.matchup.launcher;

/**
 * Receives what a launch has to say: its own steps and every line of the remote run's log. The launch redacts
 * the API key from every line before it gets here. Called from the launching thread and, for the last lines after
 * an interrupt, from a shutdown hook: implementations must be thread safe. The defaults do nothing.
 */
public interface LaunchListener {

    /** A listener that ignores everything. */
    LaunchListener NONE = new LaunchListener() {
    };

    /** @param line one step of the launch, such as {@code pod abc123 created} */
    default void info(String line) {
    }

    /** @param line one line printed by preflight or fit on the pod */
    default void remote(String line) {
    }
}

package org.matchup.launcher.runpod;

/** RunPod's {@code cloudType}: its own data centres, or community hosts (cheaper, less reliable). */
public enum CloudType {
    /** Secure Cloud. */
    SECURE,
    /** Community Cloud. */
    COMMUNITY
}

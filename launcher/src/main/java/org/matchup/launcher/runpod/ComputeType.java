package org.matchup.launcher.runpod;

/** RunPod's {@code computeType}: a pod with or without a GPU. Stan here samples on CPUs, so CPU is the default. */
public enum ComputeType {
    /** A CPU pod: {@code cpuFlavorIds} and {@code vcpuCount} choose the machine. */
    CPU,
    /** A GPU pod: {@code gpuTypeIds} and {@code gpuCount} choose the machine. */
    GPU
}

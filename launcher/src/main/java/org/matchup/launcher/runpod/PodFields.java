package org.matchup.launcher.runpod;

/**
 * The JSON field names of RunPod's REST API v1 ({@code https://rest.runpod.io/v1}) that this client sends and
 * reads, in one place, as documented for {@code POST /pods} and {@code GET /pods/{podId}} (docs.runpod.io,
 * API reference, pods). Where the documentation is thin, the constant says so.
 */
final class PodFields {

    private PodFields() {
    }

    // Request of POST /pods.
    static final String NAME = "name";
    static final String IMAGE_NAME = "imageName";
    static final String COMPUTE_TYPE = "computeType";
    static final String CLOUD_TYPE = "cloudType";
    static final String GPU_TYPE_IDS = "gpuTypeIds";
    static final String GPU_COUNT = "gpuCount";
    static final String CPU_FLAVOR_IDS = "cpuFlavorIds";
    static final String VCPU_COUNT = "vcpuCount";
    /** GPU pods only; a CPU pod's memory follows from its flavour and vCPU count (no request field for it). */
    static final String MIN_RAM_PER_GPU = "minRAMPerGPU";
    static final String MIN_VCPU_PER_GPU = "minVCPUPerGPU";
    static final String CONTAINER_DISK_IN_GB = "containerDiskInGb";
    static final String VOLUME_IN_GB = "volumeInGb";
    static final String INTERRUPTIBLE = "interruptible";
    static final String PORTS = "ports";
    static final String SUPPORT_PUBLIC_IP = "supportPublicIp";
    static final String ENV = "env";
    static final String DOCKER_START_CMD = "dockerStartCmd";

    // Response: a pod.
    static final String ID = "id";
    static final String DESIRED_STATUS = "desiredStatus";
    /** Documented as a string ("0.74") in the pod and as a number in its machine: both are read. */
    static final String COST_PER_HR = "costPerHr";
    static final String ADJUSTED_COST_PER_HR = "adjustedCostPerHr";
    static final String PUBLIC_IP = "publicIp";
    /**
     * Internal port to public port, such as {@code {"22": 10341}}; not spelled out in the reference's example
     * response, so a list of {@code {privatePort, publicPort}} objects is read too.
     */
    static final String PORT_MAPPINGS = "portMappings";
    static final String MEMORY_IN_GB = "memoryInGb";
    static final String LAST_STARTED_AT = "lastStartedAt";
    static final String IMAGE = "image";

    // Error bodies: {"error": "...", "status": 400} as far as the reference shows; "message" is read too.
    static final String ERROR = "error";
    static final String MESSAGE = "message";

    // Values.
    static final String STATUS_RUNNING = "RUNNING";
    static final String STATUS_EXITED = "EXITED";
    static final String STATUS_TERMINATED = "TERMINATED";
    static final String SSH_PORT = "22/tcp";
}

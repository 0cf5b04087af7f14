package org.matchup.launcher.runpod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What pod to rent: the body of {@code POST /pods}. Always exposes port 22 over TCP on a public IP, since the
 * launcher reaches the pod by SSH. Immutable; build with {@link #builder()}.
 *
 * @param name the pod's name; the launcher's own start with {@link #NAME_PREFIX}
 * @param imageName the container image
 * @param computeType CPU or GPU
 * @param cloudType secure or community cloud
 * @param gpuTypeIds acceptable GPU types, in order of preference (GPU pods)
 * @param gpuCount GPUs (GPU pods)
 * @param cpuFlavorIds acceptable CPU flavours, in order of preference (CPU pods)
 * @param vcpuCount vCPUs (for a GPU pod, the minimum over all its GPUs)
 * @param minMemoryInGb the least memory the run needs; a CPU pod's memory comes with its flavour, so it is
 *     checked once the pod runs
 * @param containerDiskInGb container disk
 * @param interruptible a spot pod (cheaper; RunPod may stop it at any time)
 * @param env environment variables of the container
 * @param dockerStartCmd the container's start command, or empty for the image's own
 */
public record PodSpec(String name, String imageName, ComputeType computeType, CloudType cloudType,
        List<String> gpuTypeIds, int gpuCount, List<String> cpuFlavorIds, int vcpuCount, int minMemoryInGb,
        int containerDiskInGb, boolean interruptible, Map<String, String> env, List<String> dockerStartCmd) {

    /** Every pod this tool creates is named so; {@code matchup pods} recognises them by it. */
    public static final String NAME_PREFIX = "matchup-launch-";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException naming the first value out of range */
    public PodSpec {
        if (name == null || !name.startsWith(NAME_PREFIX)) {
            throw new IllegalArgumentException("pod name must start with " + NAME_PREFIX + ", got " + name);
        }
        if (imageName == null || imageName.isBlank()) {
            throw new IllegalArgumentException("--image must name a container image");
        }
        gpuTypeIds = List.copyOf(gpuTypeIds);
        cpuFlavorIds = List.copyOf(cpuFlavorIds);
        env = Map.copyOf(env);
        dockerStartCmd = List.copyOf(dockerStartCmd);
        if (computeType == ComputeType.GPU && gpuTypeIds.isEmpty()) {
            throw new IllegalArgumentException("--gpu-type is required for --compute-type GPU");
        }
        if (computeType == ComputeType.CPU && cpuFlavorIds.isEmpty()) {
            throw new IllegalArgumentException("--cpu-flavor is required for --compute-type CPU");
        }
        if (!(gpuCount >= 1 && gpuCount <= 8)) {
            throw new IllegalArgumentException("--gpu-count must be in 1..8, got " + gpuCount);
        }
        if (!(vcpuCount >= 1 && vcpuCount <= 512)) {
            throw new IllegalArgumentException("--vcpu must be in 1..512, got " + vcpuCount);
        }
        if (!(minMemoryInGb >= 1 && minMemoryInGb <= 4096)) {
            throw new IllegalArgumentException("--memory-gb must be in 1..4096, got " + minMemoryInGb);
        }
        if (!(containerDiskInGb >= 5 && containerDiskInGb <= 4096)) {
            throw new IllegalArgumentException("--container-disk-gb must be in 5..4096, got " + containerDiskInGb);
        }
    }

    /** @return a builder with a CPU pod's defaults and the given name */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the JSON body of {@code POST /pods} */
    public ObjectNode requestBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put(PodFields.NAME, name);
        body.put(PodFields.IMAGE_NAME, imageName);
        body.put(PodFields.COMPUTE_TYPE, computeType.name());
        body.put(PodFields.CLOUD_TYPE, cloudType.name());
        if (computeType == ComputeType.GPU) {
            strings(body.putArray(PodFields.GPU_TYPE_IDS), gpuTypeIds);
            body.put(PodFields.GPU_COUNT, gpuCount);
            body.put(PodFields.MIN_VCPU_PER_GPU, (vcpuCount + gpuCount - 1) / gpuCount);
            body.put(PodFields.MIN_RAM_PER_GPU, (minMemoryInGb + gpuCount - 1) / gpuCount);
        } else {
            strings(body.putArray(PodFields.CPU_FLAVOR_IDS), cpuFlavorIds);
            body.put(PodFields.VCPU_COUNT, vcpuCount);
        }
        body.put(PodFields.CONTAINER_DISK_IN_GB, containerDiskInGb);
        body.put(PodFields.VOLUME_IN_GB, 0);
        body.put(PodFields.INTERRUPTIBLE, interruptible);
        strings(body.putArray(PodFields.PORTS), List.of(PodFields.SSH_PORT));
        body.put(PodFields.SUPPORT_PUBLIC_IP, true);
        ObjectNode environment = body.putObject(PodFields.ENV);
        env.keySet().stream().sorted().forEach(key -> environment.put(key, env.get(key)));
        if (!dockerStartCmd.isEmpty()) {
            strings(body.putArray(PodFields.DOCKER_START_CMD), dockerStartCmd);
        }
        return body;
    }

    /** @return one line such as {@code CPU pod, cpu3c, 4 vCPU, 20 GB container disk, SECURE cloud, on demand} */
    public String describe() {
        String machine = computeType == ComputeType.GPU
                ? gpuCount + " x " + String.join(" or ", gpuTypeIds) + ", at least " + vcpuCount + " vCPU"
                : String.join(" or ", cpuFlavorIds) + ", " + vcpuCount + " vCPU";
        return computeType + " pod, " + machine + ", at least " + minMemoryInGb + " GB memory, " + containerDiskInGb
                + " GB container disk, " + cloudType + " cloud, " + (interruptible ? "interruptible" : "on demand")
                + ", image " + imageName;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Builds a {@link PodSpec}. Not thread safe. */
    public static final class Builder {
        private String name = NAME_PREFIX + "unnamed";
        private String imageName = "debian:bookworm-slim";
        private ComputeType computeType = ComputeType.CPU;
        private CloudType cloudType = CloudType.SECURE;
        private List<String> gpuTypeIds = new ArrayList<>();
        private int gpuCount = 1;
        private List<String> cpuFlavorIds = new ArrayList<>(List.of("cpu3c"));
        private int vcpuCount = 4;
        private int minMemoryInGb = 8;
        private int containerDiskInGb = 20;
        private boolean interruptible;
        private Map<String, String> env = new LinkedHashMap<>();
        private List<String> dockerStartCmd = new ArrayList<>();

        private Builder() {
        }

        /** @param value the pod's name @return this */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** @param value the container image @return this */
        public Builder imageName(String value) {
            imageName = value;
            return this;
        }

        /** @param value CPU or GPU @return this */
        public Builder computeType(ComputeType value) {
            computeType = value;
            return this;
        }

        /** @param value secure or community @return this */
        public Builder cloudType(CloudType value) {
            cloudType = value;
            return this;
        }

        /** @param value GPU types in order of preference @return this */
        public Builder gpuTypeIds(List<String> value) {
            gpuTypeIds = new ArrayList<>(value);
            return this;
        }

        /** @param value GPUs @return this */
        public Builder gpuCount(int value) {
            gpuCount = value;
            return this;
        }

        /** @param value CPU flavours in order of preference @return this */
        public Builder cpuFlavorIds(List<String> value) {
            cpuFlavorIds = new ArrayList<>(value);
            return this;
        }

        /** @param value vCPUs @return this */
        public Builder vcpuCount(int value) {
            vcpuCount = value;
            return this;
        }

        /** @param value the least memory in GB @return this */
        public Builder minMemoryInGb(int value) {
            minMemoryInGb = value;
            return this;
        }

        /** @param value container disk in GB @return this */
        public Builder containerDiskInGb(int value) {
            containerDiskInGb = value;
            return this;
        }

        /** @param value whether the pod is interruptible @return this */
        public Builder interruptible(boolean value) {
            interruptible = value;
            return this;
        }

        /** @param key a variable @param value its value @return this */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** @param value the start command, or empty for the image's @return this */
        public Builder dockerStartCmd(List<String> value) {
            dockerStartCmd = new ArrayList<>(value);
            return this;
        }

        /** @return the specification @throws IllegalArgumentException naming a value out of range */
        public PodSpec build() {
            return new PodSpec(name, imageName, computeType, cloudType, gpuTypeIds, gpuCount, cpuFlavorIds,
                    vcpuCount, minMemoryInGb, containerDiskInGb, interruptible, env, dockerStartCmd);
        }
    }
}

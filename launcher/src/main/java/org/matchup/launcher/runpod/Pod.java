package org.matchup.launcher.runpod;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pod as RunPod's API describes it, reduced to what the launcher uses. Immutable.
 *
 * @param id the pod's id
 * @param name its name
 * @param desiredStatus RUNNING, EXITED or TERMINATED
 * @param costPerHour its price per hour, or NaN when not given
 * @param publicIp its public IP address, or null while it has none
 * @param sshPort the public port mapped to its port 22, or 0 while there is none
 * @param memoryInGb its memory, or 0 when not given
 * @param lastStartedAt when it last started (ISO 8601), or null
 */
public record Pod(String id, String name, String desiredStatus, double costPerHour, String publicIp, int sshPort,
        double memoryInGb, String lastStartedAt) {

    /**
     * @param node one pod of the API's JSON
     * @return the pod
     */
    static Pod of(JsonNode node) {
        double cost = number(node.get(PodFields.COST_PER_HR));
        if (Double.isNaN(cost)) {
            cost = number(node.get(PodFields.ADJUSTED_COST_PER_HR));
        }
        String ip = text(node.get(PodFields.PUBLIC_IP));
        return new Pod(text(node.get(PodFields.ID)), text(node.get(PodFields.NAME)),
                text(node.get(PodFields.DESIRED_STATUS)), cost, ip == null || ip.isBlank() ? null : ip,
                sshPort(node.get(PodFields.PORT_MAPPINGS)), Math.max(0, number(node.get(PodFields.MEMORY_IN_GB))),
                text(node.get(PodFields.LAST_STARTED_AT)));
    }

    /** @return whether RunPod wants it running and it can be reached by SSH */
    public boolean isReachable() {
        return PodFields.STATUS_RUNNING.equals(desiredStatus) && publicIp != null && sshPort > 0;
    }

    /** @return whether it is stopped or gone, so that it will never run */
    public boolean isStopped() {
        return PodFields.STATUS_EXITED.equals(desiredStatus) || PodFields.STATUS_TERMINATED.equals(desiredStatus);
    }

    /** @return whether this tool created it (by its name) */
    public boolean isLaunchers() {
        return name != null && name.startsWith(PodSpec.NAME_PREFIX);
    }

    private static int sshPort(JsonNode mappings) {
        if (mappings == null || mappings.isNull()) {
            return 0;
        }
        if (mappings.isObject()) {
            JsonNode port = mappings.get("22");
            return port == null ? 0 : (int) number(port);
        }
        for (Iterator<JsonNode> it = mappings.elements(); it.hasNext();) {
            JsonNode mapping = it.next();
            for (Map.Entry<String, String> names : Map.of("privatePort", "publicPort", "internal", "external")
                    .entrySet()) {
                JsonNode inner = mapping.get(names.getKey());
                if (inner != null && number(inner) == 22 && mapping.get(names.getValue()) != null) {
                    return (int) number(mapping.get(names.getValue()));
                }
            }
        }
        return 0;
    }

    private static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}

package org.matchup.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.Pod;
import org.matchup.launcher.runpod.PodSpec;
import org.matchup.launcher.runpod.RetryPolicy;
import org.matchup.launcher.runpod.RunPodClient;
import org.matchup.launcher.runpod.RunPodException;

/** The REST client against the fake API: retries, Retry-After, typed errors, and no second pod on a retry. */
class RunPodClientTest {

    private static final String KEY = "rpa_CLIENT_TEST_KEY_42";

    private FakeRunPod api;
    private RunPodClient client;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new FakeRunPod(KEY).sshPort(2222);
        client = new RunPodClient(api.baseUrl(), ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, KEY), null),
                new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(3)),
                notices::add);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createSendsTheDocumentedFields() throws Exception {
        PodSpec spec = PodSpec.builder().name(PodSpec.NAME_PREFIX + "fields").vcpuCount(8).containerDiskInGb(30)
                .env("PUBLIC_KEY", "ecdsa-sha2-nistp256 AAAA test").build();

        Pod pod = client.create(spec);

        assertEquals("pod1", pod.id());
        assertEquals(0.5, pod.costPerHour());
        assertEquals("{\"name\":\"matchup-launch-fields\",\"imageName\":\"debian:bookworm-slim\",\"computeType\":"
                + "\"CPU\",\"cloudType\":\"SECURE\",\"cpuFlavorIds\":[\"cpu3c\"],\"vcpuCount\":8,"
                + "\"containerDiskInGb\":30,\"volumeInGb\":0,\"interruptible\":false,\"ports\":[\"22/tcp\"],"
                + "\"supportPublicIp\":true,\"env\":{\"PUBLIC_KEY\":\"ecdsa-sha2-nistp256 AAAA test\"}}",
                api.requests("POST").get(0).body());
        assertEquals("Bearer " + KEY, api.requests("POST").get(0).authorization());
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        String id = api.addPod(PodSpec.NAME_PREFIX + "a", "RUNNING");
        api.thenAnswer(500, "{\"error\":\"internal\"}", null).thenAnswer(503, "", null);

        Pod pod = client.get(id);

        assertEquals(id, pod.id());
        assertEquals(3, api.requests("GET").size());
        assertEquals(2, notices.size());
        assertTrue(notices.get(0).startsWith("RunPod GET /pods/" + id + ": HTTP 500: internal; retry 1 of 3 in "),
                notices.get(0));
    }

    @Test
    void rateLimitHonoursRetryAfterAsAnHttpDate() throws Exception {
        String id = api.addPod(PodSpec.NAME_PREFIX + "b", "RUNNING");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC));
        api.thenAnswer(429, "{\"error\":\"slow down\"}", date);

        client.get(id);

        List<FakeRunPod.Request> gets = api.requests("GET");
        assertEquals(2, gets.size());
        assertTrue(gets.get(1).nanos() - gets.get(0).nanos() >= 900_000_000L, "the HTTP date was not honoured");
    }

    @Test
    void retryAfterBeyondTheLimitEndsTheRetries() {
        api.thenAnswer(429, "{\"error\":\"slow down\"}", "3600");
        RunPodException e = assertThrows(RunPodException.class, () -> client.list());
        assertEquals("RunPod GET /pods: rate limited; RunPod asks to wait 3600 s, more than the 3 s this client"
                + " waits", e.getMessage());
    }

    @Test
    void retriesRunOut() {
        for (int k = 0; k < 4; k++) {
            api.thenAnswer(502, "<html>bad gateway</html>", null);
        }
        RunPodException e = assertThrows(RunPodException.class, () -> client.list());
        assertEquals("RunPod GET /pods: HTTP 502: <html>bad gateway</html> after 4 tries", e.getMessage());
        assertEquals(502, e.status());
    }

    @Test
    void createThatSucceededBehindAnErrorIsNotSentTwice() throws Exception {
        api.createThenFail();
        PodSpec spec = PodSpec.builder().name(PodSpec.NAME_PREFIX + "once").build();

        Pod pod = client.create(spec);

        assertEquals(1, api.requests("POST").size());
        assertEquals(List.of(pod.id()), api.podIds());
        assertTrue(notices.get(1).equals("RunPod POST /pods: the pod matchup-launch-once was created after all;"
                + " using it"), notices.toString());
    }

    @Test
    void terminateOfAPodAlreadyGoneSucceeds() throws Exception {
        client.terminate("pod404");
        assertEquals(List.of("pod404"), api.deleted());
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        api.thenAnswer(400, "{\"error\":\"gpuTypeIds: unknown GPU type\",\"status\":400}", null);
        RunPodException e = assertThrows(RunPodException.class,
                () -> client.create(PodSpec.builder().name(PodSpec.NAME_PREFIX + "bad").build()));
        assertEquals("RunPod POST /pods: HTTP 400: gpuTypeIds: unknown GPU type", e.getMessage());
        assertEquals(1, api.requests("POST").size());
    }

    @Test
    void hostThatDoesNotResolveIsSaidInWordsWithoutTheKey() throws Exception {
        // .invalid never resolves (RFC 2606), so this fails the same way with or without a network.
        RunPodClient nowhere = new RunPodClient(URI.create("https://rest.runpod.invalid/v1"),
                ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, KEY), null),
                new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(3)), notices::add);
        RunPodException e = assertThrows(RunPodException.class, nowhere::list);
        assertEquals("RunPod GET /pods failed after 2 tries: no answer from rest.runpod.invalid: the host name does"
                + " not resolve (no network, or no DNS)", e.getMessage());
        assertTrue(e.getCause() != null, "the cause is kept for --debug");
        assertEquals(1, notices.size(), notices.toString());
        assertFalse(e.getMessage().contains(KEY) || notices.get(0).contains(KEY));
    }

    @Test
    void keyIsNeverSentOverPlainHttpToAnotherHost() {
        ApiKey key = ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, KEY), null);
        RetryPolicy policy = new RetryPolicy(1, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunPodClient(URI.create("http://runpod.example/v1"), key, policy, notices::add));
        assertEquals("the API address must be https (http only to a loopback address), got http://runpod.example/v1",
                e.getMessage());
        new RunPodClient(URI.create("http://127.0.0.1:9/v1"), key, policy, notices::add);
        new RunPodClient(URI.create("https://rest.runpod.io/v1"), key, policy, notices::add);
    }
}

package org.matchup.launcher.runpod;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * RunPod's REST API v1 for pods: create, get, list and terminate, with Java's HTTP client and a bearer token.
 * Every request is retried by a {@link RetryPolicy} on 429 (honouring {@code Retry-After}), on 5xx and on a
 * failed connection. A create that may have reached RunPod before failing is not simply sent again: the pods are
 * listed first and a pod of the same (unique) name is taken as the created one, so that a retry never rents two.
 * Failures are typed: {@link RunPodException.NoCapacity}, {@link RunPodException.Unauthorized}, or
 * {@link RunPodException} with the status and RunPod's words. No message holds the key.
 *
 * <p>Thread safe: the terminate of a shutdown hook may run while another thread polls.
 */
public final class RunPodClient {

    /** RunPod's REST API v1. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://rest.runpod.io/v1");

    /**
     * How RunPod words "no machine for this specification now" (as its console and GraphQL API have:
     * "There are no longer any instances available with the requested specifications"). TODO(#6): the REST API's
     * exact status and text for it are not documented, so several wordings are recognised in any refused create.
     */
    private static final Pattern NO_CAPACITY = Pattern.compile(
            "no longer any instances|no (gpu |cpu )?instances? (are )?available|not enough (free )?(gpus|capacity)"
                    + "|no capacity|insufficient capacity|out of capacity|could not find any pods? with required"
                    + " specifications|no available (machines|instances|gpus)",
            Pattern.CASE_INSENSITIVE);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final ApiKey key;
    private final RetryPolicy policy;
    private final Consumer<String> notices;
    private final HttpClient http;

    /**
     * @param baseUrl the API's base, such as {@link #DEFAULT_BASE_URL}
     * @param key the API key
     * @param policy when to retry
     * @param notices receives one line per retry (redacted), such as {@code RunPod answered 503; retry 2 of 5 in
     *     1.3 s}
     * @throws IllegalArgumentException if the base is not https (plain http only to a loopback address), so that
     *     the key is never sent in the clear
     */
    public RunPodClient(URI baseUrl, ApiKey key, RetryPolicy policy, Consumer<String> notices) {
        checkBaseUrl(baseUrl);
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.key = key;
        this.policy = policy;
        this.notices = notices;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return the base URL requests go to */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * {@code POST /pods}.
     *
     * @param spec the pod
     * @return the created pod
     * @throws RunPodException.NoCapacity if RunPod has no machine for it
     * @throws IOException if RunPod refuses it or cannot be reached
     */
    public Pod create(PodSpec spec) throws IOException {
        String body = spec.requestBody().toString();
        return Pod.of(send("POST", "/pods", body, spec.name()));
    }

    /**
     * {@code GET /pods/{podId}}.
     *
     * @param podId the pod
     * @return the pod
     * @throws IOException if it cannot be read
     */
    public Pod get(String podId) throws IOException {
        return Pod.of(send("GET", "/pods/" + podId, null, null));
    }

    /**
     * {@code GET /pods}.
     *
     * @return every pod of the account
     * @throws IOException if they cannot be read
     */
    public List<Pod> list() throws IOException {
        JsonNode pods = send("GET", "/pods", null, null);
        List<Pod> result = new ArrayList<>();
        pods.forEach(node -> result.add(Pod.of(node)));
        return result;
    }

    /**
     * {@code DELETE /pods/{podId}}: terminates the pod, which ends its billing. A pod that is already gone (404)
     * counts as terminated.
     *
     * @param podId the pod
     * @throws IOException if RunPod does not confirm it after every retry
     */
    public void terminate(String podId) throws IOException {
        try {
            send("DELETE", "/pods/" + podId, null, null);
        } catch (RunPodException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /**
     * @param name a pod name
     * @return the pod of that name, if any
     * @throws IOException if the pods cannot be listed
     */
    public Optional<Pod> findByName(String name) throws IOException {
        return list().stream().filter(p -> name.equals(p.name())).findFirst();
    }

    private JsonNode send(String method, String path, String body, String createdName) throws IOException {
        String what = "RunPod " + method + " " + path;
        boolean mayHaveCreated = false;
        for (int attempt = 1; ; attempt++) {

            // A create that may have reached RunPod is looked for before it is sent again.
            if (mayHaveCreated && createdName != null) {
                for (JsonNode pod : send("GET", "/pods", null, null)) {
                    if (createdName.equals(pod.path(PodFields.NAME).asText())) {
                        notices.accept(what + ": the pod " + createdName + " was created after all; using it");
                        return pod;
                    }
                }
            }

            // One request.
            HttpResponse<String> response;
            Duration delay;
            String reason;
            try {
                response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(what + " interrupted");
            } catch (IOException e) {
                response = null;
                reason = connectionFailure(e);
                if (attempt >= policy.maxAttempts()) {
                    throw new RunPodException(what + " failed after " + attempt + " tries: " + redact(reason), e);
                }
                mayHaveCreated = true;
                delay = policy.backoff(attempt - 1);
                pause(what + " failed (" + redact(reason) + ")", attempt, delay);
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), what);
            }

            // A refusal: typed, retried when RunPod may answer otherwise later.
            reason = "HTTP " + status + errorText(response.body());
            if (createdName != null && NO_CAPACITY.matcher(response.body()).find()) {
                throw new RunPodException.NoCapacity("RunPod has no capacity for this pod now (" + redact(reason)
                        + "); try again later, another --cpu-flavor or --gpu-type, or --cloud-type COMMUNITY",
                        status);
            }
            if (status == 401 || status == 403) {
                throw new RunPodException.Unauthorized(what + ": RunPod refused the API key from " + key.source()
                        + " (" + redact(reason) + "); check that it is current and may manage pods", status);
            }
            if (status == 429) {
                Optional<Duration> retryAfter = RetryPolicy.retryAfter(
                        response.headers().firstValue("Retry-After").orElse(null), Instant.now());
                if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
                    throw new RunPodException(what + ": rate limited; RunPod asks to wait "
                            + retryAfter.get().toSeconds() + " s, more than the " + policy.maxRetryAfter().toSeconds()
                            + " s this client waits", status);
                }
                delay = retryAfter.orElse(policy.backoff(attempt - 1));
            } else if (status >= 500) {
                mayHaveCreated = true;
                delay = policy.backoff(attempt - 1);
            } else {
                throw new RunPodException(what + ": " + redact(reason), status);
            }
            if (attempt >= policy.maxAttempts()) {
                throw new RunPodException(what + ": " + redact(reason) + " after " + attempt + " tries", status);
            }
            pause(what + ": " + redact(reason), attempt, delay);
        }
    }

    /**
     * Refuses an API base the key must not be sent to: anything but https, except plain http to a loopback address
     * (a test's fake API).
     *
     * @param baseUrl the API's base
     * @throws IllegalArgumentException naming the address when it is refused
     */
    public static void checkBaseUrl(URI baseUrl) {
        String scheme = baseUrl.getScheme();
        String host = baseUrl.getHost();
        boolean loopback = host != null
                && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw new IllegalArgumentException("the API address must be https (http only to a loopback address),"
                    + " got " + baseUrl);
        }
    }

    /** Words for a request that got no answer: the host, and the innermost cause, which says the most. */
    private String connectionFailure(IOException e) {
        String host = baseUrl.getHost() + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "");
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "no answer from " + host + ": the host name does not resolve (no network, or no DNS)";
            }
            innermost = t;
        }
        String message = innermost.getMessage();
        return "no answer from " + host + ": " + innermost.getClass().getSimpleName()
                + (message == null ? "" : " (" + message + ")");
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", key.authorization()).header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void pause(String failure, int attempt, Duration delay) throws InterruptedIOException {
        notices.accept(String.format(Locale.ROOT, "%s; retry %d of %d in %.1f s", failure, attempt,
                policy.maxAttempts() - 1, delay.toMillis() / 1000.0));
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private JsonNode parse(String body, String what) throws RunPodException {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RunPodException(what + ": the answer is not JSON: " + redact(shorten(body)), 200);
        }
    }

    /** RunPod's own words from an error body: its error or message field, else the body, shortened. */
    private static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : List.of(PodFields.ERROR, PodFields.MESSAGE)) {
                if (node.hasNonNull(field)) {
                    return ": " + shorten(node.get(field).asText());
                }
            }
        } catch (JsonProcessingException e) {
            // Not JSON: the text itself.
        }
        return ": " + shorten(body);
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private String redact(String text) {
        return key.redact(text);
    }
}

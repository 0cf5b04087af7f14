package org.matchup.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake of RunPod's REST API v1 pods endpoints on loopback, with faults to inject: answers queued per request
 * (a 500, a 429 with Retry-After, a capacity refusal), pods that take some GETs to run or never run. It records
 * every request. Thread safe.
 */
public final class FakeRunPod implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(String method, String path, String authorization, String body, long nanos) {
    }

    /** A canned answer. */
    public record Answer(int status, String body, String retryAfter) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, ObjectNode> pods = new LinkedHashMap<>();
    private final Deque<Answer> queued = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int getsUntilRunning;
    private volatile boolean neverRuns;
    private volatile double costPerHr = 0.5;
    private volatile int sshPort;
    private volatile boolean createThenFail;
    private volatile Consumer<JsonNode> onCreate = body -> { };
    private volatile Consumer<String> onDelete = id -> { };

    public FakeRunPod(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/pods", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Answers the next request (of any kind) so instead of normally. */
    public synchronized FakeRunPod thenAnswer(int status, String body, String retryAfter) {
        queued.add(new Answer(status, body, retryAfter));
        return this;
    }

    public FakeRunPod sshPort(int port) {
        sshPort = port;
        return this;
    }

    public FakeRunPod getsUntilRunning(int count) {
        getsUntilRunning = count;
        return this;
    }

    public FakeRunPod neverRuns() {
        neverRuns = true;
        return this;
    }

    /** The next create makes the pod but answers 500, as a proxy timing out would. */
    public FakeRunPod createThenFail() {
        createThenFail = true;
        return this;
    }

    public FakeRunPod costPerHr(double value) {
        costPerHr = value;
        return this;
    }

    public FakeRunPod onCreate(Consumer<JsonNode> action) {
        onCreate = action;
        return this;
    }

    public FakeRunPod onDelete(Consumer<String> action) {
        onDelete = action;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    /** @return the ids of the pods that got a DELETE */
    public synchronized List<String> deleted() {
        return requests.stream().filter(r -> r.method().equals("DELETE"))
                .map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).distinct().toList();
    }

    public synchronized List<String> podIds() {
        return List.copyOf(pods.keySet());
    }

    /** Adds a pod as if created earlier (for {@code matchup pods}). */
    public synchronized String addPod(String name, String status) {
        String id = "pod" + ids.incrementAndGet();
        ObjectNode pod = JSON.createObjectNode().put("id", id).put("name", name).put("desiredStatus", status)
                .put("costPerHr", Double.toString(costPerHr)).put("lastStartedAt", "2025-01-01T00:00:00Z");
        pods.put(id, pod);
        return id;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Answer answer;
        synchronized (this) {
            requests.add(new Request(method, path, authorization, body, System.nanoTime()));
            answer = queued.poll();
        }
        if (!("Bearer " + apiKey).equals(authorization)) {
            answer = new Answer(401, "{\"error\":\"invalid api key\",\"status\":401}", null);
        }
        if (answer == null) {
            answer = normal(method, path, body);
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer normal(String method, String path, String body) throws IOException {
        String id = path.equals("/v1/pods") ? null : path.substring("/v1/pods/".length());
        if (method.equals("POST") && id == null) {
            JsonNode request = JSON.readTree(body);
            onCreate.accept(request);
            String newId;
            ObjectNode pod;
            synchronized (this) {
                newId = "pod" + ids.incrementAndGet();
                pod = JSON.createObjectNode().put("id", newId).put("name", request.path("name").asText())
                        .put("desiredStatus", "RUNNING").put("costPerHr", Double.toString(costPerHr))
                        .put("memoryInGb", 16).put("imageName", request.path("imageName").asText());
                pod.set("env", request.path("env"));
                pods.put(newId, pod);
            }
            if (createThenFail) {
                createThenFail = false;
                return new Answer(502, "<html>bad gateway</html>", null);
            }
            return new Answer(200, pod.toString(), null);
        }
        if (method.equals("GET") && id == null) {
            ArrayNode all = JSON.createArrayNode();
            synchronized (this) {
                pods.values().forEach(all::add);
            }
            return new Answer(200, all.toString(), null);
        }
        ObjectNode pod;
        synchronized (this) {
            pod = pods.get(id);
        }
        if (pod == null) {
            return new Answer(404, "{\"error\":\"pod not found\",\"status\":404}", null);
        }
        if (method.equals("DELETE")) {
            synchronized (this) {
                pods.remove(id);
            }
            onDelete.accept(id);
            return new Answer(200, "", null);
        }
        synchronized (this) {
            if (!neverRuns && getsUntilRunning-- <= 0 && !pod.has("publicIp")) {
                pod.put("publicIp", "127.0.0.1");
                pod.putObject("portMappings").put("22", sshPort);
            }
        }
        return new Answer(200, pod.toString(), null);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

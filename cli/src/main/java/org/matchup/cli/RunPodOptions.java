package org.matchup.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.RunPodClient;

import picocli.CommandLine.Option;

/**
 * The RunPod options shared by {@code launch} and {@code pods} (picocli mixin): where the API key comes from and
 * which REST API it is sent to, refused unless that API is reached over HTTPS (plain HTTP only to a loopback
 * address, for tests). Not thread safe; one per command.
 */
final class RunPodOptions {

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "File holding the API key, readable only by you (else RUNPOD_API_KEY is used).")
    Path apiKeyFile;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://rest.runpod.io/v1",
            description = "RunPod's REST API. Default: ${DEFAULT-VALUE}.")
    String apiUrl;

    /** @return the API key, from {@code --api-key-file} or else the environment */
    ApiKey apiKey() {
        return ApiKey.load(System.getenv(), apiKeyFile);
    }

    /** @return {@code --api-url}; bad input unless it is https, or http to a loopback address */
    URI apiUrl() {
        try {
            URI uri = new URI(apiUrl);
            RunPodClient.checkBaseUrl(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new ExitCodes.BadInputException("--api-url is not a URL: " + apiUrl);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException("--api-url must be https (http only to a loopback address),"
                    + " got " + apiUrl);
        }
    }
}

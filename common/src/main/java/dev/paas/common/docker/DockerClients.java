package dev.paas.common.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** A client of the Docker engine at {@code DOCKER_HOST}, the one way the components connect to it. */
public final class DockerClients {
    private DockerClients() {
    }

    /** @param longestCall the longest an engine call may take (a build's wait is the longest the builder makes) */
    public static DockerClient connect(String dockerHost, Duration longestCall) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        var http = new FreshAfterFailure(() -> new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(longestCall).build());
        return DockerClientImpl.getInstance(config, http);
    }
}

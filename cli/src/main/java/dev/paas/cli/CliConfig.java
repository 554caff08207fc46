package dev.paas.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI is configured with, read from the environment here and nowhere else.
 *
 * @param apiUrl  {@code PAAS_API_URL}, default http://127.0.0.1:5000
 * @param apiKey  {@code PAAS_API_KEY}: a token that overrides ~/.netrc
 * @param gitUrl  {@code PAAS_GIT_URL}: when set, {@code login} also writes a .netrc entry for its host
 * @param home    {@code HOME}, where .netrc lives
 * @param workDir the directory the command runs in (its git repo names the app)
 */
public record CliConfig(URI apiUrl, String apiKey, URI gitUrl, Path home, Path workDir) {

    public static CliConfig fromEnv(Map<String, String> env, Path workDir) {
        String api = env.getOrDefault("PAAS_API_URL", "http://127.0.0.1:5000").trim().replaceAll("/+$", "");
        URI apiUrl = URI.create(api);
        if (apiUrl.getScheme() == null || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("PAAS_API_URL must be an absolute URL such as http://127.0.0.1:5000");
        }
        String key = env.get("PAAS_API_KEY");
        String git = env.get("PAAS_GIT_URL");
        return new CliConfig(apiUrl, key == null || key.isBlank() ? null : key.trim(),
                git == null || git.isBlank() ? null : URI.create(git.trim()),
                Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))), workDir);
    }
}

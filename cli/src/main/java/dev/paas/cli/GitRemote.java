package dev.paas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The {@code paas} git remote of the repository around a directory, as the heroku CLI's {@code heroku} remote. */
public final class GitRemote {
    public static final String NAME = "paas";

    private GitRemote() {
    }

    /** The app named by the {@code paas} remote's URL ({@code .../NAME.git}), if there is such a remote. */
    public static Optional<String> app(Path dir) {
        return url(dir).map(GitRemote::appOf);
    }

    public static Optional<String> url(Path dir) {
        return repository(dir).map(repo -> {
            try (repo) {
                return repo.getConfig().getString("remote", NAME, "url");
            }
        });
    }

    /** Adds the remote; false when not in a git repository or when the remote exists already. */
    public static boolean add(Path dir, String url) {
        return repository(dir).map(repo -> {
            try (repo) {
                var config = repo.getConfig();
                if (config.getString("remote", NAME, "url") != null) {
                    return false;
                }
                config.setString("remote", NAME, "url", url);
                config.setString("remote", NAME, "fetch", "+refs/heads/*:refs/remotes/" + NAME + "/*");
                config.save();
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the git config", e);
            }
        }).orElse(false);
    }

    static String appOf(String url) {
        String path = url.replaceAll("/+$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    private static Optional<Repository> repository(Path dir) {
        var builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(builder.build());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

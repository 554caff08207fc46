package dev.paas.api;

import static org.assertj.core.api.Assertions.assertThat;

/** Does over HTTP what the builder does after a push (with its service token): a build, finished, released by the user. */
public final class Deploys {
    private Deploys() {
    }

    /** Returns the finished build's id. */
    public static String succeededBuild(Api api, String token, String app, String commit, String image,
                                        String processTypesJson) {
        String pusher = api.get(token, "/account").json().get("id").asText();
        var build = api.post(api.builderToken(), "/apps/" + app + "/builds", "{\"commit\":\"" + commit
                + "\",\"user\":\"" + pusher + "\"}");
        assertThat(build.status()).as(build.body()).isEqualTo(201);
        String id = build.json().get("id").asText();
        var finished = api.patch(api.builderToken(), "/apps/" + app + "/builds/" + id, "{\"status\":\"succeeded\",\"image\":\""
                + image + "\",\"process_types\":" + processTypesJson + ",\"output\":\"-----> done\"}");
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        return id;
    }

    /** Builds and releases; returns the new release's version. */
    public static int deploy(Api api, String token, String app, String commit, String image) {
        String build = succeededBuild(api, token, app, commit, image,
                "{\"web\":\"npm start\",\"worker\":\"node worker.js\"}");
        var release = api.post(token, "/apps/" + app + "/releases", "{\"build\":\"" + build + "\"}");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        return release.json().get("version").asInt();
    }
}

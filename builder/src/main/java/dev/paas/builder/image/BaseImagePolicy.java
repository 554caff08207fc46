package dev.paas.builder.image;

import dev.paas.builder.build.BuildFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an app's Dockerfile may build on. Builds share the engine that holds every tenant's and the platform's
 * images, so a stage may start only FROM {@code scratch}, an earlier stage, or a configured base image, and
 * {@code COPY --from} names only an earlier stage or a base image. References are taken literally: no variables,
 * no image ids. App images are tagged under {@link #APP_NAMESPACE}, which no base image may use.
 */
public final class BaseImagePolicy {
    public static final String APP_NAMESPACE = "paas-app/";
    private final List<String> allowed;
    private final Set<String> normalized = new LinkedHashSet<>();

    public BaseImagePolicy(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        for (String image : allowed) {
            String n = normalize(image);
            String repository = n.contains("@") ? n.substring(0, n.indexOf('@')) : n.substring(0, n.lastIndexOf(':'));
            if (n.startsWith(APP_NAMESPACE) || repository.matches("[0-9a-f]+")
                    || n.matches("sha256:[0-9a-f]+")) {
                throw new IllegalArgumentException("PAAS_BUILD_BASE_IMAGES: '" + image + "' cannot be a base image: "
                        + "names under " + APP_NAMESPACE + " are app images and bare hex names read as image ids");
            }
            normalized.add(n);
        }
    }

    public List<String> allowed() {
        return allowed;
    }

    /** Refuses the first instruction that would reach an image the app may not use, naming its line. */
    public void check(String dockerfile) {
        Dockerfiles.Parsed parsed;
        try {
            parsed = Dockerfiles.parse(dockerfile);
        } catch (IllegalArgumentException e) {
            throw refuse("Dockerfile " + e.getMessage());
        }
        if (parsed.directives().containsKey("syntax")) {
            throw refuse("Dockerfile line 1: the '# syntax=' directive is not allowed: it runs a frontend image; "
                    + "remove it (builds use Docker's built-in Dockerfile syntax).");
        }
        var stages = new ArrayList<String>();
        for (var ins : parsed.instructions()) {
            switch (ins.keyword()) {
                case "FROM" -> stages.add(from(ins, stages));
                case "COPY", "ADD" -> copyFrom(ins, stages, false);
                case "RUN" -> run(ins);
                case "ONBUILD" -> onbuild(ins);
                default -> {
                    // no other instruction names an image
                }
            }
        }
    }

    private String from(Dockerfiles.Instruction ins, List<String> stages) {
        String[] words = ins.rest().isEmpty() ? new String[0] : ins.rest().split("\\s+");
        for (String flag : ins.flags()) {
            if (!flag.toLowerCase(Locale.ROOT).startsWith("--platform=")) {
                throw refuse(line(ins) + "FROM " + flag + " is not allowed: FROM takes only --platform.");
            }
        }
        if (words.length != 1 && !(words.length == 3 && words[1].equalsIgnoreCase("AS"))) {
            throw refuse(line(ins) + "'FROM " + ins.rest() + "' is not 'FROM IMAGE [AS NAME]'.");
        }
        String image = words[0];
        if (!(image.equals("scratch") || stages.contains(image.toLowerCase(Locale.ROOT)) || allowedImage(image))) {
            throw refuse(line(ins) + "FROM " + image + " is not allowed. " + whatIsAllowed("A stage starts FROM"));
        }
        return words.length == 3 ? words[2].toLowerCase(Locale.ROOT) : "";
    }

    private void copyFrom(Dockerfiles.Instruction ins, List<String> stages, boolean inOnbuild) {
        String from = ins.flag("from");
        if (from == null) {
            return;
        }
        boolean earlierStage = !inOnbuild && !from.isEmpty() && (stages.subList(0, Math.max(0, stages.size() - 1))
                .contains(from.toLowerCase(Locale.ROOT)) || from.matches("\\d+")
                && Integer.parseInt(from) < stages.size() - 1);
        if (!earlierStage && !allowedImage(from)) {
            throw refuse(line(ins) + ins.keyword() + " --from=" + from + " is not allowed. "
                    + whatIsAllowed(ins.keyword() + " --from= names an earlier stage (name or index)"));
        }
    }

    private void run(Dockerfiles.Instruction ins) {
        String mount = ins.flag("mount");
        if (mount != null) {
            throw refuse(line(ins) + "RUN --mount=" + mount + " is not allowed: builds do not use BuildKit mounts.");
        }
    }

    private void onbuild(Dockerfiles.Instruction ins) {
        var inner = ins.inner();
        if (inner == null) {
            return;
        }
        switch (inner.keyword()) {
            case "FROM", "ONBUILD" -> throw refuse(line(ins) + "ONBUILD " + inner.keyword() + " is not allowed.");
            case "COPY", "ADD" -> copyFrom(inner, List.of(), true);
            case "RUN" -> run(inner);
            default -> {
                // harmless when triggered
            }
        }
    }

    private boolean allowedImage(String image) {
        if (image.contains("$")) {
            return false;
        }
        return normalized.contains(normalize(image));
    }

    private String whatIsAllowed(String what) {
        return what + (what.contains("FROM") ? " scratch, an earlier stage's name," : ",") + " or one of the "
                + "platform's base images: " + String.join(", ", allowed) + ". Variables ($) and image ids are not "
                + "allowed in image references.";
    }

    private static String line(Dockerfiles.Instruction ins) {
        return "Dockerfile line " + ins.line() + ": ";
    }

    private static BuildFailure refuse(String reason) {
        return new BuildFailure(reason);
    }

    /** Docker's short forms made explicit: default registry and library/ dropped, ":latest" added when untagged. */
    static String normalize(String image) {
        String n = image.strip();
        for (String prefix : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
        }
        if (n.startsWith("library/")) {
            n = n.substring("library/".length());
        }
        if (!n.contains("@") && n.lastIndexOf(':') <= n.lastIndexOf('/')) {
            n = n + ":latest";
        }
        return n;
    }
}

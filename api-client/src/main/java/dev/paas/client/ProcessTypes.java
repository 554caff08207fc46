package dev.paas.client;

/**
 * Process type names with a meaning of their own: {@code web} is the one routers send requests to
 * (and that gets {@code PORT}), {@code run} is what a one-off ({@code paas run}) is called, as on Heroku.
 * {@code release} is the release phase's command: never part of the formation, it runs once per
 * release as the one-off {@code release.N}, before anything of the release starts.
 */
public final class ProcessTypes {
    public static final String WEB = "web";
    public static final String ONE_OFF = "run";
    public static final String RELEASE = "release";

    private ProcessTypes() {
    }

    public static boolean isWeb(String type) {
        return WEB.equals(type);
    }

    /** A process run once and never restarted: {@code run.N}, or a release phase's {@code release.N}. */
    public static boolean isOneOff(String type) {
        return ONE_OFF.equals(type) || RELEASE.equals(type);
    }

    /** The release phase's type: in a release's process types, but never scaled. */
    public static boolean isReleasePhase(String type) {
        return RELEASE.equals(type);
    }
}

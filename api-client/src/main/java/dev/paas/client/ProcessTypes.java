package dev.paas.client;

/**
 * Process type names with a meaning of their own: {@code web} is the one routers send requests to
 * (and that gets {@code PORT}), {@code run} is what a one-off ({@code paas run}) is called, as on Heroku.
 */
public final class ProcessTypes {
    public static final String WEB = "web";
    public static final String ONE_OFF = "run";

    private ProcessTypes() {
    }

    public static boolean isWeb(String type) {
        return WEB.equals(type);
    }

    public static boolean isOneOff(String type) {
        return ONE_OFF.equals(type);
    }
}

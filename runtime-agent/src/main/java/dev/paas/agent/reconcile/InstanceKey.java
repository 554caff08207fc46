package dev.paas.agent.reconcile;

import dev.paas.client.ProcessTypes;

/** One slot of an app's formation: {@code web.2} of app {@code shop}. A slot runs one release at a time. */
public record InstanceKey(String app, String type, int index) {

    /** Heroku's dyno name, {@code web.2}. */
    public String dyno() {
        return type + "." + index;
    }

    /** A one-off process ({@code run.N}), started by {@code paas run}. */
    public boolean oneOff() {
        return ProcessTypes.isOneOff(type);
    }

    /** A web process: it serves requests through the routers, so it drains before it stops. */
    public boolean web() {
        return ProcessTypes.isWeb(type);
    }
}

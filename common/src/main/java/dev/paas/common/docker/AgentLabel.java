package dev.paas.common.docker;

/**
 * The label every container a runtime agent runs carries (its value: the agent's name). Containers of
 * an app's image inherit the image's labels, the builder's among them: this one tells them apart from
 * the builder's own containers, which never carry it.
 */
public final class AgentLabel {
    public static final String NAME = "paas.agent";

    private AgentLabel() {
    }
}

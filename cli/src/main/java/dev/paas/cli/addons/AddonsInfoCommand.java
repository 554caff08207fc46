package dev.paas.cli.addons;

import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:info", description = "Show an add-on: its plan, state and attachments.")
public final class AddonsInfoCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(paramLabel = "ADDON")
    String name;
    @Mixin
    JsonOption json;

    AddonsInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var addon = session.client().addon(name);
        if (json.json) {
            session.printJson(addon);
            return 0;
        }
        var attachments = session.client().attachmentsOf(addon.name());
        var fields = new LinkedHashMap<String, String>();
        fields.put("Plan", addon.plan().name());
        fields.put("Owning app", addon.app().name());
        fields.put("Attachments", String.join(", ", attachments.stream()
                .map(a -> a.app().name() + "::" + a.name()).toList()));
        fields.put("Installed at", Format.time(addon.createdAt()));
        fields.put("State", addon.state());
        session.out().println(Format.header(addon.name()));
        session.out().println(Format.aligned(fields));
        return 0;
    }
}

package dev.paas.cli.logs;

import dev.paas.cli.AppOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logs", description = "Show an app's recent log lines; --tail follows new ones.")
public final class LogsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    AppOption app;
    @Option(names = {"-n", "--num"}, description = "How many recent lines (1-1500, default 100).", defaultValue = "100")
    int num;
    @Option(names = {"-t", "--tail"}, description = "Keep following new lines until interrupted.")
    boolean tail;
    @Option(names = {"-d", "--dyno"}, description = "Only this process type (web) or process (web.1).")
    String dyno;
    @Option(names = {"-s", "--source"}, description = "Only lines of this source: app or heroku.")
    String source;

    LogsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String name = app.resolve(session);
        var client = session.client();
        var out = session.out();
        if (!tail) {
            out.print(client.logs(name, num, dyno, source));
            out.flush();
            return 0;
        }
        client.tailLogs(name, num, dyno, source, line -> {
            out.println(line);
            out.flush();
            return !out.checkError();
        });
        return 0;
    }
}

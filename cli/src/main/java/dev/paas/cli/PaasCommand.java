package dev.paas.cli;

import dev.paas.cli.access.AccessAddCommand;
import dev.paas.cli.addons.AddonsAttachCommand;
import dev.paas.cli.addons.AddonsCommand;
import dev.paas.cli.addons.AddonsCreateCommand;
import dev.paas.cli.addons.AddonsDestroyCommand;
import dev.paas.cli.addons.AddonsDetachCommand;
import dev.paas.cli.addons.AddonsInfoCommand;
import dev.paas.cli.pg.PgPsqlCommand;
import dev.paas.cli.access.AccessCommand;
import dev.paas.cli.access.AccessRemoveCommand;
import dev.paas.cli.apps.AppsCommand;
import dev.paas.cli.apps.AppsCreateCommand;
import dev.paas.cli.apps.AppsDestroyCommand;
import dev.paas.cli.apps.AppsInfoCommand;
import dev.paas.cli.auth.LoginCommand;
import dev.paas.cli.auth.LogoutCommand;
import dev.paas.cli.auth.WhoamiCommand;
import dev.paas.cli.authorizations.AuthorizationsCommand;
import dev.paas.cli.authorizations.AuthorizationsCreateCommand;
import dev.paas.cli.authorizations.AuthorizationsInfoCommand;
import dev.paas.cli.authorizations.AuthorizationsRevokeCommand;
import dev.paas.cli.builds.BuildsCancelCommand;
import dev.paas.cli.builds.BuildsCommand;
import dev.paas.cli.builds.BuildsInfoCommand;
import dev.paas.cli.builds.BuildsOutputCommand;
import dev.paas.cli.logs.LogsCommand;
import dev.paas.cli.run.RunCommand;
import dev.paas.cli.config.ConfigCommand;
import dev.paas.cli.config.ConfigGetCommand;
import dev.paas.cli.config.ConfigSetCommand;
import dev.paas.cli.config.ConfigUnsetCommand;
import dev.paas.cli.domains.DomainsAddCommand;
import dev.paas.cli.domains.DomainsCommand;
import dev.paas.cli.domains.DomainsRemoveCommand;
import dev.paas.cli.drains.DrainsAddCommand;
import dev.paas.cli.drains.DrainsCommand;
import dev.paas.cli.drains.DrainsRemoveCommand;
import dev.paas.cli.labs.LabsCommand;
import dev.paas.cli.labs.LabsDisableCommand;
import dev.paas.cli.labs.LabsEnableCommand;
import dev.paas.cli.ps.PsCommand;
import dev.paas.cli.ps.PsRestartCommand;
import dev.paas.cli.ps.PsScaleCommand;
import dev.paas.cli.releases.ReleasesCommand;
import dev.paas.cli.releases.ReleasesInfoCommand;
import dev.paas.cli.releases.ReleasesOutputCommand;
import dev.paas.cli.releases.RollbackCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "paas", mixinStandardHelpOptions = true, version = "paas 0.1.0",
        description = "Manage apps on the paas platform (Heroku CLI commands).",
        subcommands = {HelpCommand.class,
                LoginCommand.class, LogoutCommand.class, WhoamiCommand.class,
                AuthorizationsCommand.class, AuthorizationsCreateCommand.class, AuthorizationsInfoCommand.class,
                AuthorizationsRevokeCommand.class,
                AppsCommand.class, AppsCreateCommand.class, AppsInfoCommand.class, AppsDestroyCommand.class,
                ConfigCommand.class, ConfigGetCommand.class, ConfigSetCommand.class, ConfigUnsetCommand.class,
                ReleasesCommand.class, ReleasesInfoCommand.class, ReleasesOutputCommand.class, RollbackCommand.class,
                PsCommand.class, PsScaleCommand.class, PsRestartCommand.class,
                DomainsCommand.class, DomainsAddCommand.class, DomainsRemoveCommand.class,
                DrainsCommand.class, DrainsAddCommand.class, DrainsRemoveCommand.class,
                LabsCommand.class, LabsEnableCommand.class, LabsDisableCommand.class,
                AccessCommand.class, AccessAddCommand.class, AccessRemoveCommand.class,
                BuildsCommand.class, BuildsInfoCommand.class, BuildsOutputCommand.class, BuildsCancelCommand.class,
                LogsCommand.class, RunCommand.class,
                AddonsCommand.class, AddonsCreateCommand.class, AddonsInfoCommand.class, AddonsAttachCommand.class,
                AddonsDetachCommand.class, AddonsDestroyCommand.class, PgPsqlCommand.class,
                dev.paas.cli.pg.PgBackupsCommand.class, dev.paas.cli.pg.PgBackupsCaptureCommand.class,
                dev.paas.cli.pg.PgBackupsInfoCommand.class, dev.paas.cli.pg.PgBackupsDownloadCommand.class,
                dev.paas.cli.pg.PgBackupsRestoreCommand.class, dev.paas.cli.pg.PgBackupsDeleteCommand.class,
                dev.paas.cli.pg.PgBackupsScheduleCommand.class, dev.paas.cli.pg.PgBackupsUnscheduleCommand.class,
                dev.paas.cli.pg.PgBackupsSchedulesCommand.class,
                dev.paas.cli.certs.CertsCommand.class, dev.paas.cli.certs.CertsAddCommand.class,
                dev.paas.cli.certs.CertsInfoCommand.class, dev.paas.cli.certs.CertsUpdateCommand.class,
                dev.paas.cli.certs.CertsRemoveCommand.class, dev.paas.cli.certs.CertsAutoCommand.class,
                dev.paas.cli.certs.CertsAutoEnableCommand.class, dev.paas.cli.certs.CertsAutoDisableCommand.class,
                dev.paas.cli.certs.CertsAutoRefreshCommand.class, dev.paas.cli.certs.HttpsCommand.class,
                dev.paas.cli.hosts.HostsCommand.class, dev.paas.cli.hosts.HostsDrainCommand.class,
                dev.paas.cli.hosts.HostsUndrainCommand.class, dev.paas.cli.hosts.HostsRemoveCommand.class})
final class PaasCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Organization;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orgs list}: the organizations the user belongs to. */
@Command(name = "orgs", aliases = "org", mixinStandardHelpOptions = true, description = "Show your organizations.",
        subcommands = OrgsCommand.ListOrgs.class)
final class OrgsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organizations you belong to.")
    static final class ListOrgs implements Callable<Integer> {
        private final CliContext ctx;

        ListOrgs(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<Organization> orgs = ctx.onlineServices().neonApi().organizations(ctx.settings().account());
            ctx.output().list(orgs, List.of("ID", "NAME", "HANDLE"), o -> List.of(o.id(), o.name(), o.handle()),
                    Views::organization);
            return ExitCode.SUCCESS;
        }
    }
}

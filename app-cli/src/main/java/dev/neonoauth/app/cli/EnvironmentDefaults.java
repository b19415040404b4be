package dev.neonoauth.app.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's default values from the environment of the run ({@link CliEnvironment}, so that tests hand in their
 * own): an option that is not on the command line takes its environment variable's value when that is set and not
 * blank, else the default its annotation declares. The value then goes through the option's converter like a typed
 * one.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    /** Each option that an environment variable stands in for, by its long name. */
    static final Map<String, String> VARIABLES = Map.of(
            "--profile", CliSettings.ENV_PROFILE,
            "--client-id", CliSettings.ENV_CLIENT_ID,
            "--client-auth", CliSettings.ENV_CLIENT_AUTH,
            "--oauth-host", CliSettings.ENV_OAUTH_HOST,
            "--api-host", CliSettings.ENV_API_HOST,
            "--scopes", CliSettings.ENV_SCOPES);

    private final CliEnvironment environment;

    EnvironmentDefaults(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String variable = VARIABLES.get(option.longestName());
        // picocli interpolates ${...} in default values: a variable's value is taken literally
        return variable == null ? null : environment.variable(variable).map(v -> v.replace("${", "$${")).orElse(null);
    }
}

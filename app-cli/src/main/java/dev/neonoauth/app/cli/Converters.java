package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the values the command line checks: a malformed value is a usage error (exit 2) naming the
 * option, before any command runs.
 */
final class Converters {
    private Converters() {}

    /** A profile name: letters, digits, '.', '_', '-', at most 64. */
    static final class ProfileName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip();
            if (!CliSettings.isProfileName(v)) {
                throw new TypeConversionException("invalid profile name '" + CliSettings.printable(value)
                        + "' (--profile or " + CliSettings.ENV_PROFILE + "): use letters, digits, '.', '_' or '-' "
                        + "(at most 64 characters)");
            }
            return v;
        }
    }

    /** An absolute URL with a host. */
    static final class Url implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value.strip());
                if (uri.isAbsolute() && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // below
            }
            throw new TypeConversionException("'" + CliSettings.printable(value) + "' is not an absolute URL");
        }
    }

    /** {@code client_secret_post}, {@code client_secret_basic} or {@code none}. */
    static final class ClientAuth implements ITypeConverter<ClientAuthenticationMethod> {
        @Override
        public ClientAuthenticationMethod convert(String value) {
            try {
                return ClientAuthenticationMethod.parse(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " (--client-auth or " + CliSettings.ENV_CLIENT_AUTH
                        + ")");
            }
        }
    }

    /** 90s, 5m, 1h, 250ms, a number of seconds, or ISO-8601 (PT5M). */
    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return CliSettings.duration(value, "the value");
            } catch (CliException e) {
                throw new TypeConversionException("'" + CliSettings.printable(value)
                        + "' is not a duration (e.g. 90s, 5m, PT5M)");
            }
        }
    }
}

package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code profiles list}: the profiles logged in with this CLI. The token store keeps grants by account key and cannot
 * list them, so {@code login} records the profile's key in the data directory's {@code profiles} file (names only,
 * no secret) and {@code logout} removes it; whether each is still logged in is read from the store, without a
 * server.
 */
@Command(name = "profiles", aliases = "profile", mixinStandardHelpOptions = true,
        description = "Show the profiles (one stored login each).", subcommands = ProfilesCommand.ListProfiles.class)
final class ProfilesCommand {
    static final String FILE = "profiles";



    @Command(name = "list", mixinStandardHelpOptions = true, description = {
            "List the profiles logged in with this CLI, which one is in use, and whether each is still logged in.",
            "Logins made before this list existed are not in it until they log in again."})
    static final class ListProfiles implements Callable<Integer> {
        private final CliContext ctx;

        ListProfiles(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            AccountKey current = ctx.settings().account();
            TreeSet<String> keys = new TreeSet<>(read(ctx));
            keys.add(current.value());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String key : keys) {
                int colon = key.indexOf(':');
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("profile", key.substring(colon + 1));
                row.put("kind", key.startsWith("sandbox:") ? "sandbox" : "neon");
                row.put("current", key.equals(current.value()));
                row.put("logged_in", ctx.services().storedGrant(AccountKey.of(key)).isPresent());
                rows.add(row);
            }
            ctx.output().list(rows, List.of("PROFILE", "KIND", "CURRENT", "LOGGED_IN"),
                    r -> List.of(r.get("profile"), r.get("kind"), (Boolean) r.get("current") ? "*" : "",
                            (Boolean) r.get("logged_in") ? "yes" : "no"), r -> r);
            return ExitCode.SUCCESS;
        }
    }

    /** Records a profile that logged in (best effort: the login itself is stored either way). */
    static void remember(CliContext ctx, AccountKey account) {
        TreeSet<String> keys = new TreeSet<>(read(ctx));
        if (keys.add(account.value())) {
            write(ctx, keys);
        }
    }

    /** Forgets a profile that logged out. */
    static void forget(CliContext ctx, AccountKey account) {
        TreeSet<String> keys = new TreeSet<>(read(ctx));
        if (keys.remove(account.value())) {
            write(ctx, keys);
        }
    }

    private static List<String> read(CliContext ctx) {
        Path file = SandboxCommand.dataDirectory(ctx.env()).resolve(FILE);
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> l.startsWith("sandbox:") || l.startsWith("profile:")).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void write(CliContext ctx, TreeSet<String> keys) {
        Path file = SandboxCommand.dataDirectory(ctx.env()).resolve(FILE);
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, keys, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the list is a convenience, the grant is in the token store
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // nothing more to do: a left-over temporary file holds profile names only
        }
    }
}

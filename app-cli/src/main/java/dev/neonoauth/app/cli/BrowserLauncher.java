package dev.neonoauth.app.cli;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser. {@code java.awt.Desktop} is unreliable on headless JVMs and drags AWT into the
 * start-up, so the platform's opener is run instead ({@code xdg-open}, {@code open}, {@code rundll32}). Whatever this
 * returns, the login command has already printed the URL.
 */
@FunctionalInterface
interface BrowserLauncher {

    /** Tries to open {@code uri}; returns false when no browser could be started. Never throws. */
    boolean open(URI uri);

    static BrowserLauncher system() {
        return uri -> command(System.getProperty("os.name", ""), System.getenv(), uri)
                .map(BrowserLauncher::run)
                .orElse(false);
    }

    /** The opener command for an OS, or empty when there is none (e.g. Linux without a display). */
    static Optional<List<String>> command(String osName, Map<String, String> env, URI uri) {
        String os = osName.toLowerCase(Locale.ROOT);
        String url = uri.toString();
        if (os.contains("mac")) {
            return Optional.of(List.of("open", url));
        }
        if (os.contains("win")) {
            return Optional.of(List.of("rundll32", "url.dll,FileProtocolHandler", url));
        }
        boolean display = env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
        return display ? Optional.of(List.of("xdg-open", url)) : Optional.empty();
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return process.exitValue() == 0;
            }
            return true; // still running: a browser that stays in the foreground
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

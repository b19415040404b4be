package dev.neonoauth.sandbox.internal.api;

import java.util.List;
import java.util.Random;

/** Ids in Neon's shapes: {@code adjective-noun-12345678} projects, {@code br-...}/{@code ep-...} branches and endpoints. */
final class NeonIds {

    private static final List<String> ADJECTIVES = List.of("autumn", "billowing", "bitter", "black", "blue", "bold",
            "broad", "calm", "cold", "cool", "crimson", "curly", "damp", "dark", "dawn", "delicate", "divine", "dry",
            "empty", "falling", "fancy", "flat", "floral", "fragrant", "frosty", "gentle", "green", "hidden", "holy",
            "icy", "jolly", "late", "lingering", "little", "lively", "long", "lucky", "misty", "morning", "muddy",
            "mute", "nameless", "noisy", "odd", "old", "orange", "patient", "plain", "polished", "proud", "purple",
            "quiet", "rapid", "raspy", "red", "restless", "rough", "round", "royal", "shiny", "shrill", "shy", "silent",
            "small", "snowy", "soft", "solitary", "sparkling", "spring", "square", "steep", "still", "summer", "super",
            "sweet", "throbbing", "tight", "tiny", "twilight", "wandering", "weathered", "white", "wild", "winter",
            "wispy", "withered", "yellow", "young");
    private static final List<String> NOUNS = List.of("art", "band", "bar", "base", "bird", "block", "boat", "bonus",
            "bread", "breeze", "brook", "bush", "butterfly", "cake", "cell", "cherry", "cloud", "credit", "darkness",
            "dawn", "dew", "disk", "dream", "dust", "feather", "field", "fire", "firefly", "flower", "fog", "forest",
            "frog", "frost", "glade", "glitter", "grass", "hall", "hat", "haze", "heart", "hill", "king", "lab", "lake",
            "leaf", "limit", "math", "meadow", "mode", "moon", "morning", "mountain", "mouse", "mud", "night", "paper",
            "pine", "poetry", "pond", "queen", "rain", "recipe", "resonance", "rice", "river", "salad", "scene", "sea",
            "shadow", "shape", "silence", "sky", "smoke", "snow", "snowflake", "sound", "star", "sun", "sunset",
            "surf", "term", "thunder", "tooth", "tree", "truth", "union", "unit", "violet", "voice", "water",
            "waterfall", "wave", "wildflower", "wind", "wood");
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    NeonIds(Random random) {
        this.random = random;
    }

    String project() {
        return words() + "-" + (10_000_000 + random.nextInt(90_000_000));
    }

    String branch() {
        return "br-" + words() + "-" + alnum(8);
    }

    String endpoint() {
        return "ep-" + words() + "-" + alnum(8);
    }

    String org() {
        return "org-" + words() + "-" + (10_000_000 + random.nextInt(90_000_000));
    }

    String password() {
        return "npg_" + alnum(12);
    }

    String lsn() {
        return Integer.toHexString(random.nextInt(16)).toUpperCase() + "/" + Integer.toHexString(0x1000000 + random.nextInt(0xEFFFFFF)).toUpperCase();
    }

    private String words() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()));
    }

    private String alnum(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return b.toString();
    }
}

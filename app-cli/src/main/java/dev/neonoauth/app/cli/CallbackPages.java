package dev.neonoauth.app.cli;

/** The pages the browser gets from the loopback listener: small, self-contained, no script, no external resource. */
final class CallbackPages {
    private CallbackPages() {}

    static String success(String title, String message) {
        return page(title, message, "#00b37e", "&#10003;");
    }

    static String error(String title, String message) {
        return page(title, message, "#e5484d", "&#10007;");
    }

    private static String page(String title, String message, String colour, String mark) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - neon-oauth</title><style>"
                + "body{font-family:system-ui,sans-serif;background:#f7f7f8;color:#1a1a1a;display:flex;"
                + "justify-content:center;align-items:center;min-height:100vh;margin:0}"
                + "main{background:#fff;border-radius:12px;padding:2.5rem 3rem;max-width:32rem;"
                + "box-shadow:0 2px 12px rgba(0,0,0,.08);text-align:center}"
                + ".mark{font-size:2.5rem;color:" + colour + "}h1{font-size:1.4rem;margin:.5rem 0 1rem}"
                + "p{line-height:1.5;color:#444}"
                + "@media (prefers-color-scheme:dark){body{background:#111;color:#eee}main{background:#1c1c1f}"
                + "p{color:#bbb}}</style></head><body><main><div class=\"mark\">" + mark + "</div><h1>"
                + escape(title) + "</h1><p>" + escape(message) + "</p><p>neon-oauth command line</p></main>"
                + "</body></html>\n";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(Character.isISOControl(c) && c != '\n' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}

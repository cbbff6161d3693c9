package tsunami.launcher.cluster;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting: a value becomes one word whatever it holds (spaces, quotes, $, newlines). */
final class ShellQuote {
    private ShellQuote() {
    }

    /** {@code value} in single quotes; a single quote inside becomes {@code '\''}. Plain words stay bare, for readable scripts. */
    static String quote(String value) {
        if (!value.isEmpty() && value.matches("[A-Za-z0-9_@%+=:,./-]+")) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static String join(List<String> values) {
        return values.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}

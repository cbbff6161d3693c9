package tsunami.launcher.dashboard;

/** A run's file that exists but cannot be read or understood; the message names the file, the place and what is wrong. */
final class CorruptRunFile extends RuntimeException {
    CorruptRunFile(String message) {
        super(message);
    }
}

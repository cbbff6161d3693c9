package tsunami;

/**
 * Input from outside the program (a CLI flag, scenario or config file, checkpoint, network
 * frame, bot folder) is wrong. The message names what is wrong and where, so the CLI can show
 * it to the user as it is, without a stack trace.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

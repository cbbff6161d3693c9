package tsunami.launcher;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tsunami.BadInputException;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayHtml;
import tsunami.bots.replay.ReplayPng;
import tsunami.bots.replay.ReplayTrack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code monkey replay FILE --html out.html | --png out.png}: view an arena replay. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run an arena replay (checking it reproduces) and write an animated HTML page or a PNG of key frames.")
public final class ReplayCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "FILE", description = "Replay file (.tsr) recorded with 'monkey arena --replay DIR'.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        @Option(names = "--html", paramLabel = "OUT", description = "Write one self-contained HTML page that animates the battle.")
        Path html;

        @Option(names = "--png", paramLabel = "OUT", description = "Write a PNG of key frames (start, 1/3, 2/3, end).")
        Path png;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        java.io.PrintWriter console = spec.commandLine().getOut();
        ReplayTrack track = new ReplayTrack(ReplayFile.read(file), 2);
        Path out = output.html != null ? output.html : output.png;
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (output.html != null) {
                Files.writeString(out, ReplayHtml.render(track), StandardCharsets.UTF_8);
            } else {
                try (OutputStream os = Files.newOutputStream(out)) {
                    ReplayPng.write(track, os);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + e.getMessage(), e);
        }
        console.println("wrote " + out + " (" + track.replay.scenarioSource() + ", " + track.replay.frames() + " frames, " + track.winnerText() + ")");
    }
}

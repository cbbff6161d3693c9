package tsunami.launcher.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A launcher stand-in for {@link BotProcessTest}: starts a bot (a sleeping shell and its child), prints their pids, waits to be killed. */
public final class ShutdownHookProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tsunami-probe");
        BotProcess bot = BotProcess.start(List.of("/bin/sh", "-c", "sleep 1000 & echo $!; wait"), new BotProcess.Options(args[0], null,
                dir.resolve("out"), dir.resolve("err"), 1 << 20, Duration.ofMinutes(5), null));
        while (Files.size(dir.resolve("out")) == 0) Thread.sleep(5);   // the child's pid is written
        System.out.println(bot.pid() + " " + Files.readString(dir.resolve("out")).trim());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package tsunami.tests;

import tsunami.bots.bwapi.BwapiBot;
import tsunami.bots.bwapi.BwapiClient;
import tsunami.bots.bwapi.BwapiGame;

import java.time.Duration;

/**
 * A third-party-style BWAPI bot for the match tests (arguments, or a {@code hostile.args} resource): it finds its server through the game table,
 * plays attack-move, and misbehaves at frame {@code AT}: {@code crash} exits, {@code hang} sleeps
 * for good in the middle of a frame, {@code leave} leaves the game.
 */
public final class HostileBwapiBot {
    private HostileBwapiBot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            // started as 'java -jar AI/<bot>.jar': the test wrote the arguments into the jar
            try (var in = HostileBwapiBot.class.getClassLoader().getResourceAsStream("hostile.args")) {
                args = new String(in.readAllBytes()).trim().split(" ");
            }
        }
        String mode = args[0];
        int at = Integer.parseInt(args[1]);
        try (BwapiClient client = BwapiClient.connect(Duration.ofSeconds(30))) {
            client.play(new BwapiBot() {
                @Override
                public void onFrame(BwapiGame g) {
                    if (g.frameCount() == at) {
                        switch (mode) {
                            case "crash" -> Runtime.getRuntime().halt(3);
                            case "hang" -> {
                                try {
                                    Thread.sleep(Long.MAX_VALUE);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            case "leave" -> g.leaveGame();
                            case "play" -> { }
                            default -> throw new IllegalArgumentException(mode);
                        }
                    }
                    for (int u = 0; u < g.unitIdBound(); u++) {
                        if (g.exists(u) && g.unitPlayer(u) == g.self() && g.isIdle(u)) g.attackMove(u, g.mapWidth() * 16, g.mapHeight() * 16);
                    }
                }
            });
        }
    }
}

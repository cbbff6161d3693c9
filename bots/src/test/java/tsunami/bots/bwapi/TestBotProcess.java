package tsunami.bots.bwapi;

import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A BWAPI client in its own OS process, for tests: {@code SERVER_ID heuristic NAME} plays a
 * heuristic; {@code SERVER_ID hostile} writes garbage over the shared memory and floods commands.
 */
public final class TestBotProcess {
    private TestBotProcess() {
    }

    public static void main(String[] args) throws IOException {
        int serverId = Integer.parseUnsignedInt(args[0]);
        try (BwapiClient client = BwapiClient.connect(serverId)) {
            BwapiBot bot = switch (args[1]) {
                case "heuristic" -> new HeuristicBot(HeuristicRegistry.load(List.of()).create(args[2]), GameData.standard(), 8, false);
                case "hostile" -> new HostileBot();
                default -> throw new IllegalArgumentException(args[1]);
            };
            int games = client.play(bot);
            System.out.println("games played: " + games);
        }
    }

    /** Orders for enemy, dead and unknown units, unknown command types, a flood, then garbage over everything. */
    static final class HostileBot implements BwapiBot {
        private final SplittableRandom rnd = new SplittableRandom(7);

        @Override
        public void onFrame(BwapiGame game) {
            int f = game.frameCount();
            int enemy = game.enemy();
            for (int u = 0; u < game.unitIdBound(); u++) if (game.exists(u) && game.unitPlayer(u) == enemy) game.attackMove(u, 10, 10);
            game.attack(-5, 3);
            game.move(9_999, 100, 100);
            game.unitCommand(999, 0, 1, 0, 0);
            game.command(77, 1, 2);
            if (f % 5 == 0) for (int i = 0; i < 19_000; i++) game.stop(i % 40);
            if (f > 20) {
                // garbage straight into the memory: counts out of range, random commands and strings
                ByteBuffer m = game.memory();
                m.putInt(BwapiLayout.COMMAND_COUNT, f % 2 == 0 ? -7 : Integer.MAX_VALUE);
                m.putInt(BwapiLayout.UNIT_COMMAND_COUNT, f % 3 == 0 ? Integer.MIN_VALUE : 1 << 30);
                m.putInt(BwapiLayout.STRING_COUNT, rnd.nextInt());
                for (int i = 0; i < 4_096; i++) m.putInt(BwapiLayout.COMMANDS + 4 * i, rnd.nextInt());
                for (int i = 0; i < 4_096; i++) m.putInt(BwapiLayout.UNIT_COMMANDS + 4 * i, rnd.nextInt());
                for (int i = 0; i < 4_096; i++) m.put(BwapiLayout.STRINGS + i, (byte) rnd.nextInt());
                for (int i = 0; i < 4_096; i++) m.putInt(BwapiLayout.UNITS + 4 * rnd.nextInt(BwapiLayout.UNIT_SIZE * 40 / 4), rnd.nextInt());
            }
        }
    }
}

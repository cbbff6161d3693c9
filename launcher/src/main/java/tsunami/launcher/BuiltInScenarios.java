package tsunami.launcher;

import tsunami.bots.scenario.ScenarioLoader;

import java.util.Iterator;

/** The built-in scenario names as picocli candidates, so help text lists what {@link ScenarioLoader} has. */
final class BuiltInScenarios implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ScenarioLoader.BUILT_IN.iterator();
    }
}

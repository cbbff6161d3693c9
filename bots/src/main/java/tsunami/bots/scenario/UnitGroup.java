package tsunami.bots.scenario;

import tsunami.bots.data.UnitType;

/**
 * Units of one type placed together: {@code count} units centred on (x, y) in a formation.
 *
 * @param formation line (vertical, facing the other side), column (horizontal) or grid
 * @param spacing   pixels between unit centres
 * @param columns   units per row for the grid formation
 */
public record UnitGroup(UnitType type, int count, double x, double y, String formation, double spacing, int columns) {
}

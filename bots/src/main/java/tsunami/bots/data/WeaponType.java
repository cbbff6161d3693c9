package tsunami.bots.data;

/**
 * One BW weapon (BWAPI WeaponType), without upgrades.
 *
 * @param damage      damage of one hit, whole points
 * @param factor      BWAPI damageFactor: hits of one shot of the weapon itself (Hellfire 2)
 * @param splashRadii inner, median, outer radius for {@link SplashKind#ENEMY}; empty otherwise
 * @param hitDelay    frames from firing to the damage landing (the arena's estimate, see units.yaml)
 */
public record WeaponType(String name, int damage, int factor, int cooldown, DamageType type,
                         int minRange, int maxRange, boolean targetsGround, boolean targetsAir,
                         SplashKind splash, int[] splashRadii, int bounces, int bounceRange, int hitDelay) {
}

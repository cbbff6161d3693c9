package tsunami.bots.data;

/**
 * One BW weapon (BWAPI WeaponType), without upgrades.
 *
 * @param damage      damage of one hit, whole points
 * @param factor      BWAPI damageFactor: hits of one shot of the weapon itself (Hellfire 2)
 * @param splashRadii inner, median, outer radius for {@link SplashKind#ENEMY}; empty otherwise
 * @param hitDelay    frames from firing to the damage landing, or to the launch of a flying bullet (the
 *                    arena's estimate, see units.yaml)
 * @param hitGap      frames between the hits of a multi-hit melee attack (Zealot), 0: all hits land together
 * @param bullet      how the shot travels (BW weapons.dat behaviour)
 * @param bulletSpeed256 top speed of a flying bullet, 1/256 px per frame (BW flingy.dat)
 * @param bulletAccel256 acceleration of a flying bullet, 1/256 px per frame per frame (BW flingy.dat)
 */
public record WeaponType(String name, int damage, int factor, int cooldown, DamageType type,
                         int minRange, int maxRange, boolean targetsGround, boolean targetsAir,
                         SplashKind splash, int[] splashRadii, int bounces, int bounceRange, int hitDelay,
                         int hitGap, Bullet bullet, int bulletSpeed256, int bulletAccel256) {

    /** How a shot reaches its target, after BW's weapons.dat behaviours. */
    public enum Bullet {
        /** Appears on the target (Gauss Rifle, Needle Spines) or a melee hit: damage after {@code hitDelay}. */
        INSTANT,
        /** Flies at its flingy speed to where the target was at launch; damages the target when it arrives. */
        FLY,
        /** Flies at its flingy speed toward the target's current position (Gemini Missiles, Phase Disruptor). */
        FOLLOW
    }

}

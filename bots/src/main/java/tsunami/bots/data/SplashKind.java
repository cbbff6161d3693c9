package tsunami.bots.data;

/** How a weapon's hit spreads beyond its target. */
public enum SplashKind {
    /** Single target. */
    NONE,
    /** BW "Enemy_Splash" (Firebat): enemies around the target take 100/50/25% at inner/median/outer radius. */
    ENEMY,
    /** Mutalisk Glave Wurm: jumps to further nearby enemies for 1/3, then 1/9 of the damage. */
    BOUNCE
}

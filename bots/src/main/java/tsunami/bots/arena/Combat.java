package tsunami.bots.arena;

import tsunami.bots.data.DamageType;
import tsunami.bots.data.SplashKind;
import tsunami.bots.data.WeaponType;

/**
 * Shots and damage: firing (cooldowns with BW's variation, attack animations), shots on their way
 * (delayed hits and flying bullets, so that units firing together can overkill), BW's damage
 * arithmetic with shields, armor and size ratios, splash and bounces, regeneration and death.
 */
final class Combat {
    private final ArenaState s;
    private final UnitAi ai;
    private final Movement movement;
    private final int[] bounceHit = new int[4];
    // shots on their way: damage lands hitDelay frames after firing, on the target if it still lives
    private final int[] pendDue, pendAttacker, pendTarget, pendHits;
    private final WeaponType[] pendWeapon;
    /** Flying bullets: the frame they leave the attacker (-1 for shots that land at pendDue), position, speed, aim. */
    private final int[] pendLaunch;
    private final float[] pendX, pendY, pendSpeed, pendAimX, pendAimY;
    private int pendCount;
    /** A shot without hit delay was fired this frame: it lands once every unit has acted. */
    private boolean landAfterUpdates;

    Combat(ArenaState s, UnitAi ai, Movement movement) {
        this.s = s;
        this.ai = ai;
        this.movement = movement;
        int cap = 4 * s.n;
        pendDue = new int[cap];
        pendAttacker = new int[cap];
        pendTarget = new int[cap];
        pendWeapon = new WeaponType[cap];
        pendHits = new int[cap];
        pendLaunch = new int[cap];
        pendX = new float[cap];
        pendY = new float[cap];
        pendSpeed = new float[cap];
        pendAimX = new float[cap];
        pendAimY = new float[cap];
    }

    /** Forgets every shot on its way (a new game). */
    void reset() {
        pendCount = 0;
        landAfterUpdates = false;
    }

    /** Lands the shots due at the start of this frame and moves flying bullets. */
    void beginFrame() {
        if (pendCount > 0) landShots(true);
    }

    /** Lands the shots fired without delay this frame, once every unit has acted. */
    void endFrame() {
        if (landAfterUpdates) {
            landAfterUpdates = false;
            landShots(false);
        }
    }

    /** Folds the shots on their way into a state hash. */
    long hash(long h) {
        for (int k = 0; k < pendCount; k++) {
            h = (h ^ (pendDue[k] * 31L + pendAttacker[k] * 7919L + pendTarget[k] + ((long) pendLaunch[k] << 40))) * 0x100000001b3L;
            h = (h ^ Float.floatToIntBits(pendX[k]) ^ ((long) Float.floatToIntBits(pendY[k]) << 32)) * 0x100000001b3L;
        }
        return h;
    }

    void fire(int i, int t, WeaponType w) {
        // BW varies each cooldown by -1..+2 frames
        s.cooldown[i] = w.cooldown() + (s.random.nextInt4() - 1);
        s.busyUntil[i] = s.frame + w.hitDelay();
        int hits = s.type[i].hitsAgainst(s.flyer[t]) * w.factor();
        if (w.bullet() != WeaponType.Bullet.INSTANT) {
            // a flying bullet leaves after the attack animation's delay and lands when it reaches the target
            int k = enqueue(i, t, w, hits, Integer.MAX_VALUE);
            if (k < 0) land(i, t, w, hits);
            else {
                pendLaunch[k] = s.frame + w.hitDelay();
                pendX[k] = s.x[i];
                pendY[k] = s.y[i];
                pendSpeed[k] = 0;
                pendAimX[k] = s.x[t];
                pendAimY[k] = s.y[t];
            }
            return;
        }
        // multi-hit melee (Zealot): BW's attack animation strikes once per hit, hitGap frames apart
        int per = w.hitGap() > 0 ? 1 : hits;
        for (int h = 0; h < hits; h += per) {
            int due = s.frame + w.hitDelay() + (per == 1 ? h * w.hitGap() : 0);
            // a shot without delay lands after every unit has acted this frame, so that two units
            // firing at each other in the same frame both hit, whichever acted first
            if (due == s.frame) landAfterUpdates = true;
            if (enqueue(i, t, w, per, due) < 0) land(i, t, w, per);
        }
    }

    /** Adds a shot on its way; returns its slot, or -1 when the queue is full (the caller lands it at once). */
    private int enqueue(int i, int t, WeaponType w, int hits, int due) {
        if (pendCount >= pendDue.length) return -1;
        int k = pendCount++;
        pendDue[k] = due;
        pendAttacker[k] = i;
        pendTarget[k] = t;
        pendWeapon[k] = w;
        pendHits[k] = hits;
        pendLaunch[k] = -1;
        pendX[k] = pendY[k] = pendSpeed[k] = pendAimX[k] = pendAimY[k] = 0; // hashed: no stale values from a reused slot
        return k;
    }

    /**
     * Lands the shots due this frame, in the order they were fired. At the start of a frame
     * ({@code startOfFrame}) flying bullets also move one frame; the pass after the units' updates
     * lands only the shots fired without delay.
     */
    void landShots(boolean startOfFrame) {
        int kept = 0;
        for (int k = 0; k < pendCount; k++) {
            boolean lands;
            if (pendLaunch[k] < 0) lands = pendDue[k] <= s.frame;
            else lands = startOfFrame && pendLaunch[k] <= s.frame && flyBullet(k);
            if (lands) {
                int t = pendTarget[k];
                if (s.alive[t]) land(pendAttacker[k], t, pendWeapon[k], pendHits[k]); // a shot at a dead unit is wasted (overkill)
            } else {
                if (kept != k) copyShot(k, kept);
                kept++;
            }
        }
        pendCount = kept;
    }

    private void copyShot(int from, int to) {
        pendDue[to] = pendDue[from];
        pendAttacker[to] = pendAttacker[from];
        pendTarget[to] = pendTarget[from];
        pendWeapon[to] = pendWeapon[from];
        pendHits[to] = pendHits[from];
        pendLaunch[to] = pendLaunch[from];
        pendX[to] = pendX[from];
        pendY[to] = pendY[from];
        pendSpeed[to] = pendSpeed[from];
        pendAimX[to] = pendAimX[from];
        pendAimY[to] = pendAimY[from];
    }

    /**
     * Moves flying bullet k one frame, as BW moves a bullet's flingy: its speed grows by the
     * flingy's acceleration up to its top speed; a following bullet steers to its target's current
     * position. Returns true when it reaches its aim this frame.
     */
    private boolean flyBullet(int k) {
        WeaponType w = pendWeapon[k];
        int t = pendTarget[k];
        if (w.bullet() == WeaponType.Bullet.FOLLOW && s.alive[t]) {
            pendAimX[k] = s.x[t];
            pendAimY[k] = s.y[t];
        }
        float v = Math.min(pendSpeed[k] + w.bulletAccel256() / 256f, w.bulletSpeed256() / 256f);
        pendSpeed[k] = v;
        float dx = pendAimX[k] - pendX[k], dy = pendAimY[k] - pendY[k];
        float d = (float) Math.sqrt(dx * dx + dy * dy);
        if (d <= v) return true;
        pendX[k] += dx / d * v;
        pendY[k] += dy / d * v;
        return false;
    }

    private void land(int i, int t, WeaponType w, int hits) {
        for (int h = 0; h < hits && s.alive[t]; h++) hit(i, t, w.damage() * 256, w.type());
        if (w.splash() == SplashKind.ENEMY) splash(i, t, w);
        else if (w.splash() == SplashKind.BOUNCE) bounce(i, t, w);
    }

    private void splash(int i, int t, WeaponType w) {
        int[] r = w.splashRadii();
        int p = s.player[i];
        int cx = (int) s.x[t], cy = (int) s.y[t];
        int hits = s.type[i].hitsAgainst(false) * w.factor();
        for (int j = 0; j < s.n; j++) {
            if (j == t || !s.alive[j] || s.player[j] == p || s.flyer[j]) continue;
            int d = s.distanceToPoint(j, cx, cy);
            int dmg;
            if (d <= r[0]) dmg = w.damage() * 256;
            else if (d <= r[1]) dmg = w.damage() * 128;
            else if (d <= r[2]) dmg = w.damage() * 64;
            else continue;
            for (int h = 0; h < hits && s.alive[j]; h++) hit(i, j, dmg, w.type());
        }
    }

    private void bounce(int i, int first, WeaponType w) {
        int p = s.player[i];
        int prev = first;
        bounceHit[0] = first;
        int dmg = w.damage() * 256;
        for (int b = 1; b <= w.bounces(); b++) {
            dmg /= 3;
            int best = -1, bestD = Integer.MAX_VALUE;
            for (int j = 0; j < s.n; j++) {
                if (!s.alive[j] || s.player[j] == p || wasBounced(j, b)) continue;
                if (s.type[i].weaponAgainst(s.flyer[j]) == null) continue;
                int d = s.distance(prev, j);
                if (d <= w.bounceRange() && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            if (best < 0) return;
            hit(i, best, dmg, w.type());
            bounceHit[b] = best;
            prev = best;
        }
    }

    private boolean wasBounced(int j, int count) {
        for (int k = 0; k < count; k++) if (bounceHit[k] == j) return true;
        return false;
    }

    /**
     * One hit of {@code dmg256} (×256) damage, in the order of BW's weapon_deal_damage (OpenBW): the
     * damage is at least ½; shields of at least one point absorb first, at full value; what passes
     * loses the armor (down to 0) and is scaled by the type ratio; the ½-point minimum applies again
     * only when the shields took none of the hit. Every hit alarms the victim and its allies around
     * it (BW's on_unit_damage), even one the shields absorb entirely.
     */
    private void hit(int attacker, int t, int dmg256, DamageType dt) {
        int ap = s.player[attacker];
        long split = damage(dmg256, s.maxSh256[t] > 0 ? s.sh256[t] : 0, s.armor[t] * 256, s.ratio[dt.ordinal()][s.sizeOrd[t]]);
        int shieldDamage = (int) (split >>> 32), d = (int) split;
        ai.onUnitDamage(t, attacker);
        s.sh256[t] -= shieldDamage;
        s.damageDealt256[ap] += shieldDamage;
        int hp = s.hp256[t];
        s.damageDealt256[ap] += Math.min(d, hp);
        if (d >= hp) {
            s.hp256[t] = 0;
            kill(t);
            s.kills[ap]++;
        } else {
            s.hp256[t] = hp - d;
        }
    }

    /**
     * BW's damage arithmetic for one hit (OpenBW weapon_deal_damage), all figures ×256: returns the
     * shield damage in the high 32 bits and the hit-point damage in the low 32 bits.
     */
    static long damage(int dmg256, int shields256, int armor256, int ratio256) {
        int d = Math.max(dmg256, 128);
        int shieldDamage = 0;
        if (shields256 >= 256) { // shields under one point absorb nothing
            shieldDamage = Math.min(d, shields256);
            d -= shieldDamage;
        }
        d = d > armor256 ? d - armor256 : 0;
        d = (d * ratio256) >> 8;
        if (shieldDamage == 0 && d < 128) d = 128; // the half-point minimum, skipped when shields took part
        return ((long) shieldDamage << 32) | d;
    }

    /** BW's per-frame regeneration (OpenBW update_unit_values): shields +7/256, Zerg hit points +4/256. */
    void regenerate(int i) {
        int ms = s.maxSh256[i];
        if (ms > 0 && s.sh256[i] != ms) s.sh256[i] = Math.min(ms, s.sh256[i] + 7);
        if (s.regeneratesHp[i] && s.hp256[i] != s.maxHp256[i]) s.hp256[i] = Math.min(s.maxHp256[i], s.hp256[i] + 4);
    }

    private void kill(int t) {
        s.alive[t] = false;
        s.aliveCount[s.player[t]]--;
        s.speed[t] = 0;
        s.target[t] = -1;
        s.autoTarget[t] = -1;
        if (!s.flyer[t]) movement.gridRemove(t);
    }

}

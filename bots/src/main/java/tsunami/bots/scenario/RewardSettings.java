package tsunami.bots.scenario;

/**
 * How the learning side is rewarded, per step and shared by all its agents (SMAC style).
 * Damage is measured in hit points plus shields and divided by the enemy army's total, so that
 * destroying the whole enemy army by damage is worth {@code damageDealt}.
 *
 * @param damageDealt weight of damage dealt (fraction of the enemy army's hp + shields)
 * @param damageTaken weight of damage taken (fraction of the own army's hp + shields), subtracted
 * @param kill        per enemy unit killed
 * @param death       per own unit lost, subtracted
 * @param win         when the enemy is destroyed
 * @param loss        added when the own side is destroyed or time runs out with enemies left (usually ≤ 0)
 * @param unitCredit  false (team credit, SMAC's): every agent receives its side's reward; true
 *                    (unit credit): damage, kills and losses count for the agent whose unit dealt or
 *                    suffered them, scaled by the side's unit count so that the agents' mean equals
 *                    the team reward, while win and loss stay shared
 */
public record RewardSettings(double damageDealt, double damageTaken, double kill, double death, double win, double loss,
                             boolean unitCredit) {
    public static final RewardSettings DEFAULT = new RewardSettings(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, false);

    public RewardSettings(double damageDealt, double damageTaken, double kill, double death, double win, double loss) {
        this(damageDealt, damageTaken, kill, death, win, loss, false);
    }

    public RewardSettings withUnitCredit(boolean on) {
        return new RewardSettings(damageDealt, damageTaken, kill, death, win, loss, on);
    }
}

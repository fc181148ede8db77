/** An agent seen within this long counts as active. */
const ACTIVE_MS = 60_000;

/** Whether an agent last seen at `lastSeen` (epoch ms, null when never) is active at `now`. */
export function isAgentActive(lastSeen: number | null, now: number): boolean {
  return lastSeen !== null && now - lastSeen < ACTIVE_MS;
}

/**
 * Keys remembered for a while, and at most `maxKeys` of them: when full, the
 * key added longest ago is forgotten first, so a flood of keys costs bounded
 * memory.
 */
export class RecentKeys {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(key: string): void {
    // Re-inserting moves the key to the end of the Map's order: it is the newest again.
    this.expiries.delete(key);
    this.expiries.set(key, this.now() + this.ttlMs);
    for (const oldest of this.expiries.keys()) {
      if (this.expiries.size <= this.maxKeys) break;
      this.expiries.delete(oldest);
    }
  }

  has(key: string): boolean {
    const expiresAt = this.expiries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.expiries.delete(key);
    return false;
  }
}

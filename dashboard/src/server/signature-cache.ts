/**
 * MinHash signatures and shingle sets by call id. A stored prompt never changes, so a
 * signature computed once serves every later Cache Analyzer request; least recently used
 * entries go first when the cache is full.
 */
export class SignatureCache {
  private readonly entries = new Map<string, { shingles: Uint32Array; signature: Uint32Array }>();

  constructor(private readonly capacity = 20_000) {}

  get(id: string): { shingles: Uint32Array; signature: Uint32Array } | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  set(id: string, entry: { shingles: Uint32Array; signature: Uint32Array }): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

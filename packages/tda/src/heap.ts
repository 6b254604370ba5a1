/**
 * A binary min-heap of (diameter, index) entries in the filtration order used throughout:
 * smaller diameter first, and among equal diameters the larger combinatorial index first
 * (Ripser's reverse-colexicographic tie-break). Entries live in two growable Float64Arrays.
 *
 * @example
 * const h = new EntryHeap(); h.push(2, 7); h.push(1, 3); h.push(1, 3); h.push(1, 9);
 * h.pivot() // 9: diameter 1 first, and the larger index first among equal diameters
 */
export class EntryHeap {
  diam: Float64Array;
  idx: Float64Array;
  size = 0;

  constructor(capacity = 64) {
    this.diam = new Float64Array(capacity);
    this.idx = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(d: number, x: number): void {
    if (this.size === this.diam.length) this.grow();
    const D = this.diam;
    const I = this.idx;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pd = D[p] as number;
      const px = I[p] as number;
      if (pd < d || (pd === d && px > x)) break;
      D[i] = pd;
      I[i] = px;
      i = p;
    }
    D[i] = d;
    I[i] = x;
  }

  /** Appends an entry without restoring the heap order: call `heapify()` before the next pop. */
  append(d: number, x: number): void {
    if (this.size === this.diam.length) this.grow();
    this.diam[this.size] = d;
    this.idx[this.size] = x;
    this.size++;
  }

  /** Restores the heap order in O(size) (Floyd): cheaper than pushing a whole coboundary one by one. */
  heapify(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(i: number): void {
    const D = this.diam;
    const I = this.idx;
    const n = this.size;
    const d = D[i] as number;
    const x = I[i] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cd = D[c] as number;
      let cx = I[c] as number;
      const r = c + 1;
      if (r < n) {
        const rd = D[r] as number;
        const rx = I[r] as number;
        if (rd < cd || (rd === cd && rx > cx)) {
          c = r;
          cd = rd;
          cx = rx;
        }
      }
      if (d < cd || (d === cd && x >= cx)) break;
      D[i] = cd;
      I[i] = cx;
      i = c;
    }
    D[i] = d;
    I[i] = x;
  }

  /** The diameter of the top entry. */
  topDiam(): number {
    return this.diam[0] as number;
  }

  /** Removes the top entry (read it from `diam[0]`, `idx[0]` first). */
  pop(): void {
    const D = this.diam;
    const I = this.idx;
    const n = --this.size;
    if (n === 0) return;
    const d = D[n] as number;
    const x = I[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cd = D[c] as number;
      let cx = I[c] as number;
      const r = c + 1;
      if (r < n) {
        const rd = D[r] as number;
        const rx = I[r] as number;
        if (rd < cd || (rd === cd && rx > cx)) {
          c = r;
          cd = rd;
          cx = rx;
        }
      }
      if (d < cd || (d === cd && x >= cx)) break;
      D[i] = cd;
      I[i] = cx;
      i = c;
    }
    D[i] = d;
    I[i] = x;
  }

  /**
   * Pops entries that cancel in pairs (Z/2 coefficients) and returns the index of the first
   * surviving entry, left on top of the heap (its diameter in `diam[0]`), or -1 when the
   * column is zero.
   */
  pivot(): number {
    const I = this.idx;
    while (this.size > 0) {
      const x = I[0] as number;
      const d = this.diam[0] as number;
      this.pop();
      if (this.size > 0 && I[0] === x) {
        this.pop();
        continue;
      }
      this.push(d, x);
      return x;
    }
    return -1;
  }

  private grow(): void {
    const cap = this.diam.length * 2;
    const D = new Float64Array(cap);
    const I = new Float64Array(cap);
    D.set(this.diam);
    I.set(this.idx);
    this.diam = D;
    this.idx = I;
  }
}

/**
 * The same min-heap with each entry packed into one float64 key, d * B + (B - 1 - x), when
 * diameters are integer ranks and every index is below B with (maxRank + 1) * B <= 2^53:
 * ascending keys are exactly the filtration order, and one load and one comparison replace two.
 *
 * @example
 * const h = new KeyHeap(100); h.push(2, 7); h.push(1, 9); h.pivot() // 9; h.topDiam() // 1
 */
export class KeyHeap {
  keys: Float64Array;
  size = 0;
  private readonly B: number;

  constructor(B: number, capacity = 64) {
    this.B = B;
    this.keys = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(d: number, x: number): void {
    if (this.size === this.keys.length) this.grow();
    const K = this.keys;
    const key = d * this.B + (this.B - 1 - x);
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = K[p] as number;
      if (pk <= key) break;
      K[i] = pk;
      i = p;
    }
    K[i] = key;
  }

  append(d: number, x: number): void {
    if (this.size === this.keys.length) this.grow();
    this.keys[this.size++] = d * this.B + (this.B - 1 - x);
  }

  heapify(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i, this.keys[i] as number);
  }

  private siftDown(i: number, key: number): void {
    const K = this.keys;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ck = K[c] as number;
      if (c + 1 < n) {
        const rk = K[c + 1] as number;
        if (rk < ck) {
          c++;
          ck = rk;
        }
      }
      if (key <= ck) break;
      K[i] = ck;
      i = c;
    }
    K[i] = key;
  }

  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    this.siftDown(0, this.keys[n] as number);
  }

  /** The diameter of the top entry. */
  topDiam(): number {
    return Math.floor((this.keys[0] as number) / this.B);
  }

  /** As `EntryHeap.pivot`: the index of the first surviving entry (left on top), or -1. */
  pivot(): number {
    const K = this.keys;
    while (this.size > 0) {
      const key = K[0] as number;
      this.pop();
      if (this.size > 0 && K[0] === key) {
        this.pop();
        continue;
      }
      // the popped key is the minimum: put it back on top, shifting the path down (cheap)
      this.pushMin(key);
      const d = Math.floor(key / this.B);
      return this.B - 1 - (key - d * this.B);
    }
    return -1;
  }

  private pushMin(key: number): void {
    if (this.size === this.keys.length) this.grow();
    const K = this.keys;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      K[i] = K[p] as number;
      i = p;
    }
    K[0] = key;
  }

  private grow(): void {
    const K = new Float64Array(this.keys.length * 2);
    K.set(this.keys);
    this.keys = K;
  }
}

/**
 * A min-heap of (diameter, index, coefficient) entries for coefficients in Z/p, p an odd prime:
 * entries of equal index are summed mod p when they reach the top, and vanish when the sum is 0.
 *
 * @example
 * const h = new CoefHeap(3); h.push(1, 4, 1); h.push(1, 4, 2); h.push(2, 5, 1);
 * h.pivot() // 5: 1 + 2 = 0 (mod 3) cancels index 4
 */
export class CoefHeap {
  diam: Float64Array;
  idx: Float64Array;
  coef: Int32Array;
  size = 0;
  private readonly p: number;

  constructor(p: number, capacity = 64) {
    this.p = p;
    this.diam = new Float64Array(capacity);
    this.idx = new Float64Array(capacity);
    this.coef = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(d: number, x: number, c: number): void {
    if (this.size === this.diam.length) this.grow();
    const D = this.diam;
    const I = this.idx;
    const C = this.coef;
    let i = this.size++;
    while (i > 0) {
      const q = (i - 1) >> 1;
      const qd = D[q] as number;
      const qx = I[q] as number;
      if (qd < d || (qd === d && qx > x)) break;
      D[i] = qd;
      I[i] = qx;
      C[i] = C[q] as number;
      i = q;
    }
    D[i] = d;
    I[i] = x;
    C[i] = c;
  }

  pop(): void {
    const D = this.diam;
    const I = this.idx;
    const C = this.coef;
    const n = --this.size;
    if (n === 0) return;
    const d = D[n] as number;
    const x = I[n] as number;
    const c0 = C[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cd = D[c] as number;
      let cx = I[c] as number;
      if (c + 1 < n) {
        const rd = D[c + 1] as number;
        const rx = I[c + 1] as number;
        if (rd < cd || (rd === cd && rx > cx)) {
          c++;
          cd = rd;
          cx = rx;
        }
      }
      if (d < cd || (d === cd && x >= cx)) break;
      D[i] = cd;
      I[i] = cx;
      C[i] = C[c] as number;
      i = c;
    }
    D[i] = d;
    I[i] = x;
    C[i] = c0;
  }

  /**
   * The index of the smallest entry whose coefficients do not sum to 0 mod p, left on top with
   * the summed coefficient (`coef[0]`, diameter `diam[0]`), or -1 for a zero column.
   */
  pivot(): number {
    const p = this.p;
    while (this.size > 0) {
      const x = this.idx[0] as number;
      const d = this.diam[0] as number;
      let c = this.coef[0] as number;
      this.pop();
      while (this.size > 0 && this.idx[0] === x) {
        c = (c + (this.coef[0] as number)) % p;
        this.pop();
      }
      if (c !== 0) {
        this.push(d, x, c);
        return x;
      }
    }
    return -1;
  }

  private grow(): void {
    const cap = this.diam.length * 2;
    const D = new Float64Array(cap);
    const I = new Float64Array(cap);
    const C = new Int32Array(cap);
    D.set(this.diam);
    I.set(this.idx);
    C.set(this.coef);
    this.diam = D;
    this.idx = I;
    this.coef = C;
  }
}

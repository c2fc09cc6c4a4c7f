// The binary min-heap of the best-first searches (PI cells nearest first; the matching searches' boxes and pairs largest
// bound first, keyed by its negative).
export class MinHeap<T> {
  private readonly a: T[] = [];

  /** `key`: the value the heap orders by, smallest first (negate it for largest first). */
  constructor(private readonly key: (item: T) => number) {}

  get size(): number { return this.a.length; }

  /** The smallest item without removing it. */
  peek(): T | undefined { return this.a[0]; }

  push(item: T): void {
    const a = this.a;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]) <= this.key(a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]) < this.key(a[m])) m = l;
        if (r < a.length && this.key(a[r]) < this.key(a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

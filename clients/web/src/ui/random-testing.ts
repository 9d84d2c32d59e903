// What the generators' specs share: crypto.getRandomValues replaced by a sequence the spec chooses, so a spec can
// say exactly which draws a generator keeps and which it rejects. Test support only: no page imports it.
import { vi } from "vitest";

/** Each getRandomValues call takes its values from the sequence in order; once it has run out, a call throws. */
export function stubRandomValues(values: Iterable<number>): void {
  const source = values[Symbol.iterator]();
  let done = false;
  vi.spyOn(crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    if (done) throw new Error("The stubbed random values ran out.");
    const view = array as unknown as Uint8Array | Uint16Array;
    for (let i = 0; i < view.length; i++) {
      const next = source.next();
      done ||= next.done === true;
      view[i] = done ? 0 : next.value; // past the end: padding that a passing spec never uses
    }
    return array;
  });
}

/** 0, 1, 2, … wrapping at range: every value once a cycle, so whatever a sampler keeps is exactly uniform. */
export function* counter(range: number): Generator<number> {
  for (let value = 0; ; value = (value + 1) % range) yield value;
}

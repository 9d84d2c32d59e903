import { afterEach, describe, expect, it, vi } from "vitest";
import { randomBelow } from "./random.js";
import { counter, stubRandomValues } from "./random-testing.js";

afterEach(() => vi.restoreAllMocks());

const tally = (values: number[], bound: number) => values.reduce((counts, value) => (counts[value]++, counts), new Array<number>(bound).fill(0));

describe("randomBelow", () => {
  it("skips bytes at or above the largest multiple of the bound", () => {
    stubRandomValues([
      210, // 256 - 256 % 70: the first byte that would favour 0..45
      255,
      5,
      250,
      69,
      209,
    ]);

    expect(randomBelow(70, 3)).toEqual([5, 69, 209 % 70]);
  });

  it("keeps every byte when the bound divides 256", () => {
    stubRandomValues([255, 0, 128]);

    expect(randomBelow(32, 3)).toEqual([31, 0, 0]);
  });

  it("draws 16-bit values above 256 and skips those at or above 62,208 for 7,776", () => {
    stubRandomValues([
      62_208, // 65,536 - 65,536 % 7,776
      65_535,
      7_775,
      7_776,
    ]);

    expect(randomBelow(7_776, 2)).toEqual([7_775, 0]);
  });

  it("is exactly uniform over every whole cycle of the source", () => {
    stubRandomValues(counter(256));

    // 210 bytes of every 256 are kept: each of 0..69 three times a cycle.
    expect(tally(randomBelow(70, 210 * 4), 70)).toEqual(new Array(70).fill(12));
  });

  it("is uniform from the real CSPRNG: a chi-square test that modulo bias fails by thousands", () => {
    const draws = 70_000;
    const counts = tally(randomBelow(70, draws), 70);
    const expected = draws / 70;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);

    // 69 degrees of freedom: mean 69, and above 160 with a probability under 1e-8.
    expect(chiSquare).toBeLessThan(160);
  });

  it("refuses a bound it cannot draw uniformly", () => {
    for (const bound of [0, 1.5, 65_537]) expect(() => randomBelow(bound, 1)).toThrow(RangeError);
  });
});

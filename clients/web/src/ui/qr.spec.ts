import { describe, expect, it } from "vitest";
import { encodeQr, reedSolomonDivisor, reedSolomonRemainder } from "./qr.js";

describe("Reed–Solomon", () => {
  it("gives the error correction of the standard's worked example (01234567, version 1-M)", () => {
    const data = [0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11];

    expect(reedSolomonRemainder(data, reedSolomonDivisor(10))).toEqual([0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]);
  });
});

describe("encodeQr", () => {
  it("picks the smallest version that holds the text", () => {
    expect(encodeQr("a").length).toBe(21); // version 1
    const link = "http://localhost:5080/s#1p.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    expect(encodeQr(link).length).toBe(41); // 93 bytes: version 6, which holds 106 at level M
  });

  it("draws the three finder patterns and the timing lines", () => {
    const m = encodeQr("https://onetime.example/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
    const size = m.length;
    const finder = (x: number, y: number) => [0, 1, 2, 3, 4, 5, 6].map((d) => m[y][x + d]);

    for (const [x, y] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
      expect(finder(x, y)).toEqual(Array(7).fill(true));
      expect(finder(x, y + 2)).toEqual([true, false, true, true, true, false, true]);
    }
    expect(m[6].slice(8, size - 8)).toEqual(Array.from({ length: size - 16 }, (_, i) => i % 2 === 0));
    expect(m[size - 8][8]).toBe(true); // the dark module
  });

  it("refuses text longer than version 10 holds", () => {
    expect(() => encodeQr("x".repeat(300))).toThrow(RangeError);
  });
});

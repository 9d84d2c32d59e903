import { describe, expect, it } from "vitest";
import { generatePassword } from "./passwords.js";

describe("generatePassword", () => {
  it("gives the length asked for, from the unambiguous alphabet", () => {
    const password = generatePassword(40);

    expect(password).toHaveLength(40);
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9!#$%&*+\-=?@^_]+$/);
  });

  it("differs every time", () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()));

    expect(seen.size).toBe(50);
  });
});

import { describe, expect, it } from "vitest";
import { DefaultLimits, expiryChoices, maxContentBytes, pickExpiry, viewChoices } from "./limits.js";

const seconds = (limits: Partial<typeof DefaultLimits>) => expiryChoices({ ...DefaultLimits, ...limits }).map((e) => e.seconds);

describe("expiryChoices", () => {
  it("offers the usual five with the default limits", () => {
    expect(expiryChoices(DefaultLimits)).toEqual([
      { seconds: 300, value: 5, unit: "minute" },
      { seconds: 3_600, value: 1, unit: "hour" },
      { seconds: 86_400, value: 1, unit: "day" },
      { seconds: 604_800, value: 7, unit: "day" },
      { seconds: 2_592_000, value: 30, unit: "day" },
    ]);
  });

  it("leaves out what the server refuses, and adds its default and its longest", () => {
    expect(seconds({ minTtlSeconds: 600, maxTtlSeconds: 172_800, defaultTtlSeconds: 7_200 })).toEqual([3_600, 7_200, 86_400, 172_800]);
  });

  it("names an odd duration in the largest whole unit", () => {
    expect(expiryChoices({ ...DefaultLimits, minTtlSeconds: 60, maxTtlSeconds: 600, defaultTtlSeconds: 90 })).toEqual([
      { seconds: 90, value: 90, unit: "second" },
      { seconds: 300, value: 5, unit: "minute" },
      { seconds: 600, value: 10, unit: "minute" },
    ]);
  });
});

describe("pickExpiry", () => {
  const choices = expiryChoices(DefaultLimits);

  it("keeps the reader's choice when it is on the menu", () => {
    expect(pickExpiry(choices, 3_600, DefaultLimits)).toBe(3_600);
  });

  it("falls back to the server's default otherwise", () => {
    expect(pickExpiry(choices, undefined, DefaultLimits)).toBe(604_800);
    expect(pickExpiry(choices, 42, DefaultLimits)).toBe(604_800);
  });
});

describe("viewChoices", () => {
  it("lists 1, 2, 3, 5, 10 and more up to the default 100", () => {
    expect(viewChoices(DefaultLimits)).toEqual({ listed: [1, 2, 3, 5, 10], more: true });
  });

  it("stops at the server's most", () => {
    expect(viewChoices({ ...DefaultLimits, maxViews: 10 })).toEqual({ listed: [1, 2, 3, 5, 10], more: false });
    expect(viewChoices({ ...DefaultLimits, maxViews: 4 })).toEqual({ listed: [1, 2, 3], more: true });
    expect(viewChoices({ ...DefaultLimits, maxViews: 1 })).toEqual({ listed: [1], more: false });
  });
});

describe("maxContentBytes", () => {
  it("is the largest payload less its framing", () => {
    expect(maxContentBytes(DefaultLimits)).toBe(983_020);
    expect(maxContentBytes({ ...DefaultLimits, maxPayloadBytes: 0 })).toBe(0);
  });
});

// The server's limits as the pages use them: asked once per page with GetLimits, and until it answers (or when it
// fails) the contract's documented defaults (protos/onetime/v1/secrets.proto), so the form works either way.
import type { OneTimeClient, ServerLimits } from "../client/client.js";

export const DefaultLimits: ServerLimits = {
  maxCiphertextBytes: 1_048_576,
  minCiphertextBytes: 285,
  maxPayloadBytes: 983_036, // protos/README.md: bucket 983040 − 4
  minTtlSeconds: 60,
  maxTtlSeconds: 2_592_000,
  defaultTtlSeconds: 604_800,
  maxViews: 100,
  maxWrongAttempts: 10,
  readReceipts: true,
};

const PayloadOverheadBytes = 16; // protobuf tags and lengths around the text or file, at most
const StandardExpiries = [300, 3_600, 86_400, 604_800, 2_592_000]; // 5 minutes, 1 hour, 1, 7 and 30 days
const StandardViews = [1, 2, 3, 5, 10];

let known: ServerLimits | undefined;
let changed: () => void = () => {};

/** Asks the server once; a failure leaves the defaults in place and says nothing (the form still works). */
export function loadLimits(client: OneTimeClient): void {
  client.getLimits().then((limits) => {
    known = limits;
    changed();
  }, () => {});
}

/** The server's answer, or undefined before it (or when it failed): for texts that must not guess a number. */
export const knownLimits = (): ServerLimits | undefined => known;

export const currentLimits = (): ServerLimits => known ?? DefaultLimits;

/** What the showing view does when the limits arrive, in place (a redraw would move the reader's focus). */
export function whenLimitsChange(callback: () => void): void {
  changed = callback;
}

/** The most text or file bytes a secret can hold: the largest payload, less its framing. */
export const maxContentBytes = (limits: ServerLimits): number => Math.max(0, limits.maxPayloadBytes - PayloadOverheadBytes);

export interface Expiry {
  seconds: number;
  value: number;
  unit: "second" | "minute" | "hour" | "day";
}

/** The menu: the usual choices the server accepts, with its default and its longest added when they are not among them. */
export function expiryChoices(limits: ServerLimits): Expiry[] {
  const inRange = StandardExpiries.filter((s) => s >= limits.minTtlSeconds && s <= limits.maxTtlSeconds);
  const all = new Set([...inRange, limits.defaultTtlSeconds, limits.maxTtlSeconds].filter((s) => s > 0));
  return [...all].sort((a, b) => a - b).map(toExpiry);
}

function toExpiry(seconds: number): Expiry {
  for (const [unit, size] of [["day", 86_400], ["hour", 3_600], ["minute", 60]] as const) {
    if (seconds % size === 0) return { seconds, value: seconds / size, unit };
  }
  return { seconds, value: seconds, unit: "second" };
}

/** The choice to show selected: the reader's if the server takes it, else the server's default. */
export function pickExpiry(choices: Expiry[], wanted: number | undefined, limits: ServerLimits): number {
  return wanted !== undefined && choices.some((c) => c.seconds === wanted) ? wanted : limits.defaultTtlSeconds;
}

/** The views menu: 1, 2, 3, 5, 10 up to the server's most; "more" when it allows a number beyond them. */
export function viewChoices(limits: ServerLimits): { listed: number[]; more: boolean } {
  const listed = StandardViews.filter((v) => v <= Math.max(1, limits.maxViews));
  return { listed, more: limits.maxViews > listed[listed.length - 1] };
}

import { describe, expect, it } from "vitest";
import { randomBytes, toBase64Url } from "./bytes.js";
import { checkNote, ConfirmationOpenError, ConfirmationSize, confirmationKey, openConfirmation, padNote, sealConfirmation } from "./confirmation.js";
import { deriveKeys } from "./envelope.js";

const id = toBase64Url(new Uint8Array(16).fill(7));
const otherId = toBase64Url(new Uint8Array(16).fill(8));

async function reason(attempt: Promise<unknown>): Promise<string | undefined> {
  const error = await attempt.catch((e: unknown) => e);
  return error instanceof ConfirmationOpenError ? error.reason : undefined;
}

describe("padNote", () => {
  it("writes the length big-endian, the note as typed, and zeros up to 256 bytes", () => {
    const padded = padNote(" ok ");

    expect(padded.length).toBe(256);
    expect([...padded.subarray(0, 6)]).toEqual([
      0x00, 0x04, // len(note) = 4, uint16 big-endian
      0x20, 0x6f, 0x6b, 0x20, // " ok ": no trimming
    ]);
    expect(padded.subarray(6).every((b) => b === 0)).toBe(true);
  });

  it("takes 200 UTF-8 bytes and refuses 201, and an unpaired surrogate", () => {
    expect(() => checkNote("é".repeat(100))).not.toThrow();
    expect(() => checkNote("é".repeat(100) + "x")).toThrow(RangeError);
    expect(() => checkNote("got it \ud800")).toThrow(RangeError);
    expect(() => checkNote("got it 🔑")).not.toThrow();
  });
});

describe("seal / open", () => {
  it("makes 285 bytes whatever the note, and opens them to the same note", async () => {
    const key = await confirmationKey(randomBytes(32));

    const empty = await sealConfirmation(key, id);
    const noted = await sealConfirmation(key, id, "got it, rotating now 🔑");

    expect(empty.length).toBe(ConfirmationSize);
    expect(noted.length).toBe(ConfirmationSize);
    expect(empty[0]).toBe(0x01);
    expect(await openConfirmation(key, id, empty)).toBe("");
    expect(await openConfirmation(key, id, noted)).toBe("got it, rotating now 🔑");
  });

  it("derives its key with S as the salt: another passphrase's key does not open it", async () => {
    const k = randomBytes(32);
    const [right, wrong] = await Promise.all([deriveKeys(k, "right", 1_000), deriveKeys(k, "wrong", 1_000)]);
    const confirmation = await sealConfirmation(await confirmationKey(k, right.passphraseKey), id, "n");

    expect(await openConfirmation(await confirmationKey(k, right.passphraseKey), id, confirmation)).toBe("n");
    expect(await reason(openConfirmation(await confirmationKey(k, wrong.passphraseKey), id, confirmation))).toBe("authentication_failed");
    expect(await reason(openConfirmation(await confirmationKey(k), id, confirmation))).toBe("authentication_failed");
  });

  it("refuses another secret's confirmation, a changed byte, a wrong length and another version, in that order", async () => {
    const key = await confirmationKey(randomBytes(32));
    const confirmation = await sealConfirmation(key, id, "n");
    const changed = confirmation.slice();
    changed[100] ^= 1;
    const version2 = confirmation.slice();
    version2[0] = 0x02;

    expect(await reason(openConfirmation(key, otherId, confirmation))).toBe("authentication_failed");
    expect(await reason(openConfirmation(key, id, changed))).toBe("authentication_failed");
    expect(await reason(openConfirmation(key, id, confirmation.subarray(0, 284)))).toBe("wrong_length");
    expect(await reason(openConfirmation(key, id, new Uint8Array(0)))).toBe("wrong_length");
    expect(await reason(openConfirmation(key, id, version2))).toBe("unsupported_version");
    expect(await reason(openConfirmation(key, id, version2.subarray(0, 10)))).toBe("wrong_length");
  });

  it("refuses a sealed plaintext that breaks the padding rules", async () => {
    const key = await confirmationKey(randomBytes(32));
    const sealRaw = async (padded: Uint8Array) => {
      const nonce = randomBytes(12);
      const aes = await crypto.subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, "AES-GCM", false, ["encrypt"]);
      const aad = new Uint8Array([0x01, ...new Uint8Array(16).fill(7)]); // version || id_bytes
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce as Uint8Array<ArrayBuffer>, additionalData: aad }, aes, padded as Uint8Array<ArrayBuffer>));
      return new Uint8Array([0x01, ...nonce, ...sealed]);
    };
    const tooLong = new Uint8Array(256);
    tooLong[1] = 201; // len(note) = 201 > 200
    const dirty = padNote("n");
    dirty[255] = 1; // a padding byte that is not zero
    const notUtf8 = new Uint8Array(256);
    notUtf8.set([0x00, 0x01, 0xff]); // one byte, 0xff, which no UTF-8 text holds

    for (const padded of [tooLong, dirty, notUtf8]) expect(await reason(openConfirmation(key, id, await sealRaw(padded)))).toBe("malformed_note");
  });
});

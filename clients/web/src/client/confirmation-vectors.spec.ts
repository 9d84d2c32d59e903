// Every vector in protos/testdata/confirmation-v1.json, byte for byte: a confirmation made here opens in C# and the
// other way round.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromHex, toBase64Url, toHex } from "./bytes.js";
import { checkNote, ConfirmationOpenError, confirmationKey, openConfirmation, padNote, sealConfirmation } from "./confirmation.js";
import { deriveKeys } from "./envelope.js";

const vectors = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../protos/testdata/confirmation-v1.json", import.meta.url)), "utf8"));

interface Input {
  key_hex: string;
  passphrase: string | null;
  id: string;
}

/** The link's K and S as the sender and the reader both derive them, and the confirmation key from them. */
async function keysOf(input: Input) {
  const key = fromHex(input.key_hex);
  const keys = await deriveKeys(key, input.passphrase ?? undefined);
  return { keys, confirmationKey: await confirmationKey(key, keys.passphraseKey) };
}

describe("confirmation-v1.json positive vectors", () => {
  for (const vector of vectors.positive) {
    it(vector.name, async () => {
      const { input, expected } = vector;
      const note = new TextDecoder().decode(fromHex(input.note_utf8_hex));
      const { keys, confirmationKey: key } = await keysOf(input);

      expect(toBase64Url(fromHex(input.key_hex))).toBe(input.key_base64url);
      expect(toBase64Url(fromHex(input.id_hex))).toBe(input.id);
      expect(note).toBe(input.note ?? "");
      expect(toHex(keys.authToken)).toBe(expected.auth_token_hex);
      expect(toHex(key)).toBe(expected.confirmation_key_hex);
      expect(toHex(padNote(note))).toBe(expected.padded_hex);
      expect(toHex(await sealConfirmation(key, input.id, note, fromHex(input.nonce_hex)))).toBe(expected.confirmation_hex);
      expect(await openConfirmation(key, input.id, fromHex(expected.confirmation_hex))).toBe(expected.note ?? "");
    });
  }
});

describe("confirmation-v1.json negative vectors", () => {
  for (const vector of vectors.negative) {
    it(`${vector.name}: ${vector.error}`, async () => {
      const { confirmationKey: key } = await keysOf(vector.input);

      const error = await openConfirmation(key, vector.input.id, fromHex(vector.confirmation_hex)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConfirmationOpenError);
      expect((error as ConfirmationOpenError).reason).toBe(vector.error);
    });
  }
});

describe("confirmation-v1.json rejected notes", () => {
  const fromUtf16Hex = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));

  for (const vector of vectors.rejected_notes as { name: string; utf16_hex: string }[]) {
    it(vector.name, async () => {
      const note = fromUtf16Hex(vector.utf16_hex);

      expect(() => checkNote(note)).toThrow(RangeError);
      await expect(sealConfirmation(new Uint8Array(32), "AAECAwQFBgcICQoLDA0ODw", note)).rejects.toThrow(RangeError);
    });
  }
});

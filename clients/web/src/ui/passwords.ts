// Strong random passwords from the CSPRNG, without modulo bias.
const Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+-=?@^_";

export function generatePassword(length = 24): string {
  const limit = 256 - (256 % Alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += Alphabet[byte % Alphabet.length];
    }
  }
  return out;
}

// Uniform random choices from the CSPRNG for the generators (passwords, passphrases). A random byte modulo n favours
// the low residues unless n divides 256, so values at or above the largest multiple of n that fits are thrown away
// and drawn again (rejection sampling): what is kept is exactly uniform over 0..n-1.

const ByteRange = 256;
const WordRange = 65_536; // Uint16 draws, for n above 256 (the 7,776 words of a passphrase list)
const MostPerDraw = 16_384; // 32 KiB of Uint16: getRandomValues refuses more than 65,536 bytes a call

/** count integers, each uniform in [0, bound), bound from 1 to 65,536. */
export function randomBelow(bound: number, count: number): number[] {
  if (!Number.isInteger(bound) || bound < 1 || bound > WordRange) throw new RangeError(`No uniform draw below ${bound}.`);
  const range = bound > ByteRange ? WordRange : ByteRange;
  const limit = range - (range % bound);
  const out: number[] = [];
  while (out.length < count) {
    // A few spare values per call, so one rejection rarely costs another round trip to the CSPRNG.
    const wanted = Math.min(count - out.length + 8, MostPerDraw);
    const draw = crypto.getRandomValues(range === ByteRange ? new Uint8Array(wanted) : new Uint16Array(wanted));
    for (const value of draw) {
      if (value < limit && out.length < count) out.push(value % bound);
    }
  }
  return out;
}

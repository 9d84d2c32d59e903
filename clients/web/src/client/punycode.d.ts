// punycode.js (npm "punycode", 2.3) by its CommonJS file, which link.ts imports by path so that Node does not load
// its deprecated built-in "punycode" instead; the functions link.ts uses. @types/punycode describes this file with
// named exports, which Node's ESM loader does not find in it (only the default, module.exports).
declare module "punycode/punycode.js" {
  const punycode: {
    /** RFC 3492 decoding of Punycode (without "xn--"); throws a RangeError on invalid input or overflow. */
    decode(input: string): string;
    /** RFC 3492 encoding; lower-case digits. */
    encode(input: string): string;
  };
  export default punycode;
}

// A file name comes from the sender, so it is shown and used for the download only after taking out what could make
// it read as something else: control characters (Cc), format characters (Cf: the bidirectional overrides and
// isolates U+202A–U+202E and U+2066–U+2069, marks, zero-width characters; "report" U+202E "fdp.exe" shows as
// "reportexe.pdf"), line and paragraph separators (Zl, Zp) and lone surrogates (Cs). Path separators become "_": a
// download name names one file, never a path.
const Hidden = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const PathSeparators = /[\\/]/g;
const Spaces = /\s+/gu;
const MaxMediaTypeLength = 255; // RFC 6838 §4.2: a type and a subtype of at most 127 characters each, and the "/"

/** The name to show and to download under; undefined when nothing is left of it. */
export function displayFileName(name: string): string | undefined {
  const cleaned = name.replace(Hidden, "").replace(PathSeparators, "_").replace(Spaces, " ").trim();
  // A name of dots only ("", ".", "..") names no file; the browser would drop or rename it.
  return cleaned.replace(/\./g, "").length === 0 ? undefined : cleaned;
}

/** A media type is shown as a hint, with the same characters taken out, and never longer than a real one. */
export function displayMediaType(mediaType: string): string {
  return mediaType.replace(Hidden, "").replace(Spaces, " ").trim().slice(0, MaxMediaTypeLength);
}

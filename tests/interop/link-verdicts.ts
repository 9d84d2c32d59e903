// The TypeScript client's verdict on candidate links, for the differential test that holds the C# parsers to the same
// answers (tests/OneTime.Client.Tests/Links/LinkDifferentialTests.cs):
//   vite-node tests/interop/link-verdicts.ts CORPUS_FILE
// The file: one candidate a line, as its UTF-16 code units in hex (4 digits each), so that any string crosses intact
// (newlines, unpaired surrogates). stdout: one JSON object a line, in order, with what each parser read from it or
// null: {"secret": {...} | null, "request": {...} | null, "reply": {...} | null}; keys and points in base64url.
import { readFileSync } from "node:fs";
import { toBase64Url } from "../../clients/web/src/client/bytes.ts";
import { parseLink } from "../../clients/web/src/client/link.ts";
import { parseReplyLink, parseRequestLink } from "../../clients/web/src/client/request.ts";

function decode(line: string): string {
  let text = "";
  for (let i = 0; i < line.length; i += 4) text += String.fromCharCode(parseInt(line.slice(i, i + 4), 16));
  return text;
}

async function verdict(candidate: string) {
  const secret = parseLink(candidate);
  const request = await parseRequestLink(candidate);
  const reply = await parseReplyLink(candidate);
  return {
    secret: secret && { baseUrl: secret.baseUrl, id: secret.id, key: toBase64Url(secret.key), passphraseRequired: secret.passphraseRequired },
    request: request && {
      baseUrl: request.baseUrl,
      requesterKey: toBase64Url(request.requesterKey),
      note: request.note,
      fingerprint: request.fingerprint,
      keyId: request.keyId,
    },
    reply: reply && { baseUrl: reply.baseUrl, id: reply.id, ephemeralKey: toBase64Url(reply.ephemeralKey), keyId: reply.keyId },
  };
}

// A file, not stdin: vite-node ends the process on stdin's "end" event, and readFileSync(0) of a pipe fails (EAGAIN)
// once the corpus outgrows the pipe's buffer.
const lines = readFileSync(process.argv[2], "utf8").split("\n");
const out: string[] = [];
for (const line of lines.slice(0, lines.at(-1) === "" ? -1 : undefined)) {
  const v = await verdict(decode(line));
  out.push(JSON.stringify({ secret: v.secret ?? null, request: v.request ?? null, reply: v.reply ?? null }));
}
process.stdout.write(out.join("\n") + "\n");

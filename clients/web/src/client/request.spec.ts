import { describe, expect, it } from "vitest";
import { toBase64Url } from "./bytes.js";
import { deriveKeys, open, textPayload } from "./envelope.js";
import { OneTimeError } from "./errors.js";
import { deriveReplyKey, formatReplyLink, formatRequestLink, parseReplyLink, parseRequestLink, sealReply } from "./request.js";
import { MemoryRequestKeyStore, RequestKeyLifetimeMs } from "./request-keys.js";
import { SecretRequests } from "./requests.js";

const base = "https://onetime.example";
const id = "AAAAAAAAAAAAAAAAAAAAAA";

describe("SecretRequests", () => {
  it("create_Note_KeepsANonExtractableKeyAndLinksOnlyPublicMaterial", async () => {
    const keys = new MemoryRequestKeyStore();
    const requests = new SecretRequests({ keys });

    const created = await requests.create(base, "the staging DB password");

    const kept = await keys.get(created.keyId);
    expect(kept?.privateKey.extractable).toBe(false);
    expect(created.link).toBe(formatRequestLink(base, kept!.requesterKey, "the staging DB password"));
    expect(created.fingerprint).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
    const parsed = await parseRequestLink(created.link);
    expect(parsed).toMatchObject({ note: "the staging DB password", fingerprint: created.fingerprint, keyId: created.keyId });
  });

  it("create_NoteOver200Bytes_IsRefusedAndKeepsNothing", async () => {
    const keys = new MemoryRequestKeyStore();

    await expect(new SecretRequests({ keys }).create(base, "é".repeat(101))).rejects.toMatchObject({ kind: "rejected" });
    await expect(new SecretRequests({ keys }).create(base, "a\ud800")).rejects.toMatchObject({ kind: "rejected" });
    expect(await keys.list()).toEqual([]);
  });

  it("openingLink_KeptKey_DerivesTheKeyTheSenderSealedWith", async () => {
    const requests = new SecretRequests({ keys: new MemoryRequestKeyStore() });
    const request = (await parseRequestLink((await requests.create(base, "")).link))!;
    const sealed = await sealReply(request.requesterKey, textPayload("hunter2"));
    const reply = (await parseReplyLink(formatReplyLink(base, id, sealed.ephemeralKey, request.keyId)))!;

    const link = await requests.openingLink(reply);

    expect(toBase64Url(link!.key)).toBe(toBase64Url(sealed.key));
    const opened = await open(await deriveKeys(link!.key), sealed.blob);
    expect(opened.content).toEqual({ case: "text", value: "hunter2" });
  });

  it("read_KeyNotHere_FailsBeforeAnyCall", async () => {
    const elsewhere = new SecretRequests({ keys: new MemoryRequestKeyStore() });
    const request = (await parseRequestLink((await elsewhere.create(base, "")).link))!;
    const sealed = await sealReply(request.requesterKey, textPayload("x"));
    // No server answers at this address: only an error raised before calling can be key_not_here.
    const link = formatReplyLink("http://127.0.0.1:9", id, sealed.ephemeralKey, request.keyId);

    const read = new SecretRequests({ keys: new MemoryRequestKeyStore() }).read(link);

    await expect(read).rejects.toBeInstanceOf(OneTimeError);
    await expect(read).rejects.toMatchObject({ kind: "key_not_here" });
  });

  it("pending_KeysOlderThan30Days_ArePruned", async () => {
    const keys = new MemoryRequestKeyStore();
    let now = new Date("2026-01-01T00:00:00Z");
    const requests = new SecretRequests({ keys, now: () => now });
    const old = await requests.create(base, "old");
    now = new Date(now.getTime() + RequestKeyLifetimeMs - 1000);
    const recent = await requests.create(base, "recent");

    now = new Date(now.getTime() + 2000);
    const pending = await requests.pending();

    expect(pending.map((k) => k.keyId)).toEqual([recent.keyId]);
    expect(await keys.get(old.keyId)).toBeUndefined();
  });

  it("forget_RemovesTheKey", async () => {
    const keys = new MemoryRequestKeyStore();
    const requests = new SecretRequests({ keys });
    const created = await requests.create(base);

    await requests.forget(created.keyId);

    expect(await keys.get(created.keyId)).toBeUndefined();
  });
});

describe("request formats", () => {
  it("sealReply_TheSenderCannotDeriveKWithoutD", async () => {
    const requester = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
    const r = new Uint8Array(await crypto.subtle.exportKey("raw", requester.publicKey));
    const stranger = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);

    const sealed = await sealReply(r, textPayload("x"));
    const wrong = await deriveReplyKey(stranger.privateKey, sealed.ephemeralKey, sealed.ephemeralKey, r);
    const right = await deriveReplyKey(requester.privateKey, sealed.ephemeralKey, sealed.ephemeralKey, r);

    expect(toBase64Url(right.key)).toBe(toBase64Url(sealed.key));
    expect(toBase64Url(wrong.key)).not.toBe(toBase64Url(sealed.key));
  });

  it("parseRequestLink_OffCurvePointOrBadNote_IsUndefined", async () => {
    const requests = new SecretRequests({ keys: new MemoryRequestKeyStore() });
    const { link } = await requests.create(base, "ok");
    const [head, key, note] = link.split(".");
    const offCurve = "BA" + "A".repeat(85); // 0x04 then zeros: (0, 0) is not on P-256

    expect(await parseRequestLink(`${head}.${key}.${note}`)).toBeDefined();
    expect(await parseRequestLink(`${head}.${offCurve}.${note}`)).toBeUndefined();
    expect(await parseRequestLink(`${head}.${key}.${toBase64Url(new Uint8Array([0xc3, 0x28]))}`)).toBeUndefined(); // not UTF-8
    expect(await parseRequestLink(`${head}.${key}.`)).toBeUndefined(); // an empty note is written as no note
    expect(await parseRequestLink(`${head}.${key}.${note}.x`)).toBeUndefined();
    expect(await parseRequestLink(link.replace("/r#1.", "/r#2."))).toBeUndefined();
    expect(await parseRequestLink(link.replace("/r#", "/s#"))).toBeUndefined();
  });

  it("parseRequestLink_LeadingByteOrderMark_IsPartOfTheNote", async () => {
    const requests = new SecretRequests({ keys: new MemoryRequestKeyStore() });

    const { link, fingerprint } = await requests.create(base, "\ufeffnote");

    expect(await parseRequestLink(link)).toMatchObject({ note: "\ufeffnote", fingerprint });
  });
});
